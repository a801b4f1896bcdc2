namespace Rinkel.Client.Tests;

/// <summary>The listing's memory of ids: exact for packed ObjectIds and for every other id.</summary>
public sealed class IdSetTests
{
    [Fact]
    public void Ids_are_remembered_exactly_whatever_their_form()
    {
        var set = new IdSet();
        string[] ids =
        [
            "64a6b60be7ce3a7774155263", "64a6b60be7ce3a7774155264", "64a6b60be7ce3a7774155262",
            "74a6b60be7ce3a7774155263", "64A6B60BE7CE3A7774155263", "64a6b60be7ce3a777415526", "u1", "",
            "64a6b60be7ce3a77741552630", "g4a6b60be7ce3a7774155263",
        ];

        Assert.All(ids, id => Assert.True(set.Add(id), id));
        Assert.All(ids, id => Assert.False(set.Add(id), id));
        Assert.Equal(ids.Length, set.Count);
    }

    [Fact]
    public void Ids_that_differ_in_one_hex_digit_anywhere_are_different()
    {
        var set = new IdSet();
        const string id = "000000000000000000000000";
        Assert.True(set.Add(id));
        for (var i = 0; i < id.Length; i++)
            foreach (var digit in "123456789abcdef")
                Assert.True(set.Add(id.Substring(0, i) + digit + id.Substring(i + 1)), $"{i}:{digit}");
        Assert.Equal(1 + 24 * 15, set.Count);
    }
}
