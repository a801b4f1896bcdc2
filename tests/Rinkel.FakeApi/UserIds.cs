// This file is compiled into both the fake server and Rinkel.Testing (linked), so the tests can name a
// user by index without listing, and there is exactly one implementation of the id scheme.
using System;
using System.Globalization;

namespace Rinkel.FakeApi;

/// <summary>
/// User ids look like the real API's (24 lowercase hex characters, MongoDB ObjectId style) but encode the
/// user's index, so the server can answer GET /users/{id} in O(1) without a dictionary:
/// 8 hex seed prefix (starts with 6, like a 2021-2024 ObjectId timestamp) + 8 hex (index XOR a seed mask)
/// + 8 hex checksum of (seed, index). A garbled, forged or other-tenant id fails the checks and is a 404.
/// </summary>
internal static class UserIds
{
    public const int Length = 24;

    public static string Encode(int seed, long index)
    {
        if (index < 0 || index > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "A user index is 0..4294967295.");
        }

        var i = (uint)index;
        return string.Create(Length, (Prefix(seed), i ^ Mask(seed), Checksum(seed, i)), static (span, parts) =>
        {
            parts.Item1.TryFormat(span[..8], out _, "x8", CultureInfo.InvariantCulture);
            parts.Item2.TryFormat(span.Slice(8, 8), out _, "x8", CultureInfo.InvariantCulture);
            parts.Item3.TryFormat(span.Slice(16, 8), out _, "x8", CultureInfo.InvariantCulture);
        });
    }

    /// <summary>Decodes an id of this tenant (seed) back to its index; false for anything else.</summary>
    public static bool TryDecode(int seed, string? id, out long index)
    {
        index = -1;
        if (id is null || id.Length != Length
            || !TryParseLowerHex(id.AsSpan(0, 8), out var prefix)
            || !TryParseLowerHex(id.AsSpan(8, 8), out var body)
            || !TryParseLowerHex(id.AsSpan(16, 8), out var checksum)
            || prefix != Prefix(seed))
        {
            return false;
        }

        var i = body ^ Mask(seed);
        if (checksum != Checksum(seed, i))
        {
            return false;
        }

        index = i;
        return true;
    }

    /// <summary>SplitMix64's finalizer: a cheap, well-mixed bijection on 64 bits.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>A 64-bit hash of (seed, salt, value): every derived value of a tenant goes through it.</summary>
    public static ulong Hash(int seed, uint salt, ulong value) =>
        Mix(Mix(((ulong)salt << 32) | (uint)seed) ^ value);

    private static uint Prefix(int seed) => 0x60000000u | ((uint)Hash(seed, 0x1D01, 0) & 0x0FFFFFFFu);

    private static uint Mask(int seed) => (uint)Hash(seed, 0x1D02, 0);

    private static uint Checksum(int seed, uint index) => (uint)(Hash(seed, 0x1D03, index) >> 32);

    // Stricter than uint.TryParse: uppercase, signs and spaces are not ids the server ever hands out.
    private static bool TryParseLowerHex(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        foreach (var c in text)
        {
            int digit;
            if (c is >= '0' and <= '9')
            {
                digit = c - '0';
            }
            else if (c is >= 'a' and <= 'f')
            {
                digit = c - 'a' + 10;
            }
            else
            {
                return false;
            }

            value = (value << 4) | (uint)digit;
        }

        return true;
    }
}
