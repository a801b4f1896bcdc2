// Compiled into both the fake server and Rinkel.Testing (linked), so a test can compute the exact bytes (and
// so the checksum) of any audio file the fake serves.
using System;
using System.Text;

namespace Rinkel.FakeApi;

/// <summary>
/// The audio the fake serves: MP3-shaped bytes (an ID3v2 header, then 128 kbit/s MPEG-1 Layer III frame headers
/// every 418 bytes with pseudo-random payload), a pure function of (type, id, length).
/// </summary>
internal static class FakeAudio
{
    /// <summary>128 kbit/s.</summary>
    public const int BytesPerSecond = 16_000;

    /// <summary>Files are capped so a 30-minute call stays a quick download in tests.</summary>
    public const int MaxDefaultLength = 1_048_576;

    private const int FrameLength = 418;

    /// <summary>The length of a file of <paramref name="seconds"/>, or <paramref name="fixedLength"/> when the fake is told one.</summary>
    public static int LengthFor(int seconds, int? fixedLength) =>
        fixedLength ?? Math.Min(Math.Max(seconds, 1) * BytesPerSecond, MaxDefaultLength);

    /// <summary>The whole file: type is the /audio route's (recording, call-recording, voicemail).</summary>
    public static byte[] Create(string type, string id, int length)
    {
        var bytes = new byte[length];
        var state = Fnv(type + "/" + id);
        for (var i = 0; i < length; i += 8)
        {
            var block = UserIds.Mix(state + (ulong)i);
            for (var k = 0; k < 8 && i + k < length; k++)
            {
                bytes[i + k] = (byte)(block >> (8 * k));
            }
        }

        // "ID3" v2.3, no flags, tag size 0: players skip it and find the first frame right after.
        ReadOnlySpan<byte> id3 = [(byte)'I', (byte)'D', (byte)'3', 3, 0, 0, 0, 0, 0, 0];
        id3[..Math.Min(id3.Length, length)].CopyTo(bytes);
        for (var frame = 10; frame + 4 <= length; frame += FrameLength)
        {
            bytes[frame] = 0xFF;
            bytes[frame + 1] = 0xFB;
            bytes[frame + 2] = 0x90;
            bytes[frame + 3] = 0x64;
        }

        return bytes;
    }

    private static ulong Fnv(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
