using System;
using System.Globalization;

namespace Rinkel
{
    /// <summary>
    /// How long a call (or a voicemail message) lasted, in whole seconds as the API counts it. A value type that
    /// compares, sorts and exports like its number of seconds: <c>$_.Duration -gt 60</c>, <c>-ge '5:00'</c>,
    /// <c>-lt (New-TimeSpan -Minutes 2)</c> and <c>Sort-Object Duration</c> all work, an Export-Csv cell holds the
    /// seconds, and <see cref="Text"/> is the <c>mm:ss</c> the default view shows.
    /// </summary>
    public readonly struct CallDuration : IEquatable<CallDuration>, IComparable<CallDuration>, IComparable, IFormattable
    {
        public CallDuration(int totalSeconds)
        {
            if (totalSeconds < 0) throw new ArgumentOutOfRangeException(nameof(totalSeconds), totalSeconds, "A duration cannot be negative.");
            TotalSeconds = totalSeconds;
        }

        /// <summary>From a TimeSpan, to the whole second below (the API counts whole seconds).</summary>
        public CallDuration(TimeSpan value)
            : this(checked((int)Math.Floor(value.TotalSeconds)))
        {
        }

        public int TotalSeconds { get; }

        public int Minutes => TotalSeconds / 60;

        public int Seconds => TotalSeconds % 60;

        public TimeSpan TimeSpan => TimeSpan.FromSeconds(TotalSeconds);

        /// <summary>Minutes and seconds, <c>mm:ss</c>; minutes go past 59 rather than adding hours, so texts sort like the values.</summary>
        public string Text => Minutes.ToString("00", CultureInfo.InvariantCulture) + ":" + Seconds.ToString("00", CultureInfo.InvariantCulture);

        /// <summary>Reads seconds ("125"), <c>mm:ss</c> ("2:05", "125:00") or <c>h:mm:ss</c> ("1:02:05").</summary>
        public static CallDuration Parse(string text)
        {
            if (TryParse(text, out var value)) return value;
            throw new FormatException($"'{text}' is not a duration: use seconds (125), mm:ss (2:05) or h:mm:ss (1:02:05).");
        }

        public static bool TryParse(string? text, out CallDuration value)
        {
            value = default;
            if (string.IsNullOrWhiteSpace(text)) return false;
            var parts = text!.Trim().Split(':');
            if (parts.Length > 3) return false;
            long total = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
                // Only the first part may exceed 59 ("125:00" is 125 minutes).
                if (i > 0 && (n > 59 || parts[i].Length != 2)) return false;
                total = total * 60 + n;
                if (total > int.MaxValue) return false;
            }
            value = new CallDuration((int)total);
            return true;
        }

        public bool Equals(CallDuration other) => TotalSeconds == other.TotalSeconds;

        // PowerShell's -eq converts the right operand to CallDuration first; accepting the raw forms as well keeps
        // .Equals() calls and Group-Object keys honest.
        public override bool Equals(object? obj) => obj switch
        {
            CallDuration other => Equals(other),
            int seconds => TotalSeconds == seconds,
            long seconds => TotalSeconds == seconds,
            TimeSpan span => TotalSeconds == span.TotalSeconds,
            string text => TryParse(text, out var parsed) && Equals(parsed),
            _ => false,
        };

        public override int GetHashCode() => TotalSeconds;

        public int CompareTo(CallDuration other) => TotalSeconds.CompareTo(other.TotalSeconds);

        public int CompareTo(object? obj) => obj switch
        {
            null => 1,
            CallDuration other => CompareTo(other),
            int seconds => TotalSeconds.CompareTo(seconds),
            long seconds => ((long)TotalSeconds).CompareTo(seconds),
            TimeSpan span => ((double)TotalSeconds).CompareTo(span.TotalSeconds),
            string text when TryParse(text, out var parsed) => CompareTo(parsed),
            _ => throw new ArgumentException($"A call duration cannot be compared with '{obj}'.", nameof(obj)),
        };

        /// <summary>The seconds: what an Export-Csv cell and string interpolation show.</summary>
        public override string ToString() => TotalSeconds.ToString(CultureInfo.InvariantCulture);

        /// <summary>"mm:ss" (or "t") gives <see cref="Text"/>; other formats apply to the seconds.</summary>
        public string ToString(string? format, IFormatProvider? formatProvider) =>
            format is "mm:ss" or "t" ? Text : TotalSeconds.ToString(format, formatProvider);

        public static bool operator ==(CallDuration left, CallDuration right) => left.Equals(right);
        public static bool operator !=(CallDuration left, CallDuration right) => !left.Equals(right);
        public static bool operator <(CallDuration left, CallDuration right) => left.TotalSeconds < right.TotalSeconds;
        public static bool operator >(CallDuration left, CallDuration right) => left.TotalSeconds > right.TotalSeconds;
        public static bool operator <=(CallDuration left, CallDuration right) => left.TotalSeconds <= right.TotalSeconds;
        public static bool operator >=(CallDuration left, CallDuration right) => left.TotalSeconds >= right.TotalSeconds;

        // Conversions PowerShell uses: [Rinkel.CallDuration]90, -gt (New-TimeSpan -Minutes 2), Measure-Object -Sum.
        public static implicit operator CallDuration(int totalSeconds) => new CallDuration(totalSeconds);
        public static implicit operator CallDuration(TimeSpan value) => new CallDuration(value);
        public static implicit operator TimeSpan(CallDuration value) => value.TimeSpan;
        public static explicit operator int(CallDuration value) => value.TotalSeconds;
        public static explicit operator double(CallDuration value) => value.TotalSeconds;
    }
}
