namespace Rinkel.Client.Tests;

/// <summary>The value semantics every value-like model type gets from <see cref="TextValue"/>.</summary>
public sealed class TextValueTests
{
    private static PhoneNumber Number(string e164) => new() { E164 = e164, CountryIsoCode = "NL" };

    [Fact]
    public void Equal_texts_are_equal_values_with_equal_hash_codes()
    {
        Assert.Equal(Number("+31612345678"), Number("+31612345678"));
        Assert.True(Number("+31612345678") == new PhoneNumber { CountryCallingCode = 31, Number = "612345678" });
        Assert.NotEqual(Number("+31612345678"), Number("+31612345679"));
        Assert.Equal(Number("+31612345678").GetHashCode(), Number("+31612345678").GetHashCode());
        Assert.Single(new HashSet<PhoneNumber> { Number("+31612345678"), Number("+31612345678") });
    }

    [Fact]
    public void A_value_equals_and_compares_with_its_text()
    {
        Assert.True(Number("+31612345678").Equals("+31612345678"));
        Assert.False(Number("+31612345678").Equals("+31 6 12345678"));
        Assert.True(Number("+31612345678").CompareTo("+32000000000") < 0);
        Assert.True(Number("+31612345678").CompareTo((object?)null) > 0);
        Assert.Throws<ArgumentException>(() => Number("+31612345678").CompareTo(42));
    }

    [Theory]
    [InlineData("+31612345678", true)]
    [InlineData(" +31612345678 ", true)]
    [InlineData("0612345678", false)]
    [InlineData("+31 6 1234 5678", false)]
    [InlineData("+0612345678", false)]
    [InlineData("+123", false)]
    [InlineData("", false)]
    public void Parse_reads_E164_only(string text, bool valid)
    {
        if (valid) Assert.Equal(text.Trim(), PhoneNumber.Parse(text).ToString());
        else Assert.Throws<FormatException>(() => PhoneNumber.Parse(text));
    }
}
