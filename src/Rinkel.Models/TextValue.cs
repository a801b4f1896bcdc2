using System;

namespace Rinkel
{
    /// <summary>
    /// Base of the types that stand for one value users know as text: a phone number now; a duration, an
    /// extension or a call status later. Such a value equals, sorts and hashes like its canonical text (what
    /// <see cref="ToString"/> returns, which is also what a CSV cell and a table show), and it equals a string
    /// holding that text.
    /// </summary>
    /// <remarks>
    /// This is what makes PowerShell treat the value as its text. <c>-eq</c>, <c>-ne</c>, <c>-in</c>,
    /// <c>-contains</c> and <c>Where-Object Prop -eq 'text'</c> go through LanguagePrimitives.Equals, which calls
    /// <see cref="Equals(object)"/> with the string; <c>Sort-Object</c> and <c>Compare-Object</c> go through
    /// <see cref="IComparable"/>, which gets the other side converted with the derived type's static
    /// <c>Parse(string)</c>; <c>Group-Object</c> and <c>-Unique</c> use equality and <see cref="GetHashCode"/>.
    /// Without it, an object never equals a string and a lookup by the text users see silently finds nothing.
    /// Equality with a string is one-way in .NET (a string never equals this object); PowerShell converts the
    /// right side to the left side's type, so <c>'text' -eq $value</c> compares texts as well.
    /// The models are filled once by the JSON reader and then only read, so hashing by content is safe.
    /// </remarks>
    public abstract class TextValue : IEquatable<TextValue>, IComparable, IComparable<TextValue>
    {
        /// <summary>How texts compare: ordinal, ignoring case as PowerShell's <c>-eq</c> does unless overridden.</summary>
        protected virtual StringComparison Comparison => StringComparison.OrdinalIgnoreCase;

        /// <summary>The canonical text of the value.</summary>
        public abstract override string ToString();

        public override bool Equals(object? obj) => obj switch
        {
            string text => string.Equals(ToString(), text, Comparison),
            TextValue other => Equals(other),
            _ => false,
        };

        public bool Equals(TextValue? other) =>
            other is not null && other.GetType() == GetType() && string.Equals(ToString(), other.ToString(), Comparison);

        public override int GetHashCode() => StringComparerFor(Comparison).GetHashCode(ToString());

        public int CompareTo(TextValue? other) => other is null ? 1 : string.Compare(ToString(), other.ToString(), Comparison);

        public int CompareTo(object? obj) => obj switch
        {
            null => 1,
            string text => string.Compare(ToString(), text, Comparison),
            TextValue other => CompareTo(other),
            _ => throw new ArgumentException($"A {GetType().Name} compares with another {GetType().Name} or a string, not a {obj.GetType().Name}.", nameof(obj)),
        };

        public static bool operator ==(TextValue? left, TextValue? right) => left is null ? right is null : left.Equals(right);

        public static bool operator !=(TextValue? left, TextValue? right) => !(left == right);

        private static StringComparer StringComparerFor(StringComparison comparison) => comparison switch
        {
            StringComparison.Ordinal => StringComparer.Ordinal,
            StringComparison.OrdinalIgnoreCase => StringComparer.OrdinalIgnoreCase,
            StringComparison.CurrentCulture => StringComparer.CurrentCulture,
            StringComparison.CurrentCultureIgnoreCase => StringComparer.CurrentCultureIgnoreCase,
            StringComparison.InvariantCulture => StringComparer.InvariantCulture,
            _ => StringComparer.InvariantCultureIgnoreCase,
        };
    }
}
