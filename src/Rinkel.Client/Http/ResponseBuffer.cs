using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Rinkel.Client.Http
{
    internal static class ResponseBuffer
    {
        /// <summary>
        /// Reads the whole body within the attempt (so its timeout and retries cover a body that stalls or breaks
        /// half-way), refusing bodies beyond <paramref name="maxBytes"/>. Idempotent: a buffered body stays as it is.
        /// </summary>
        public static async Task BufferAsync(HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken)
        {
            if (response.Content == null || response.Content is BufferedContent) return;
            var declared = response.Content.Headers.ContentLength;
            if (declared > maxBytes) throw new ResponseTooLargeException(maxBytes);

            var buffer = new MemoryStream(declared is long length && length > 0 ? (int)length : 16 * 1024);
            using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (cancellationToken.Register(s => ((IDisposable)s!).Dispose(), stream))
            {
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > maxBytes) throw new ResponseTooLargeException(maxBytes);
                    buffer.Write(chunk, 0, read);
                }
            }
            cancellationToken.ThrowIfCancellationRequested();

            var buffered = new BufferedContent(buffer.GetBuffer(), (int)buffer.Length);
            foreach (var header in response.Content.Headers)
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            buffered.Headers.ContentLength = buffer.Length;
            response.Content.Dispose();
            response.Content = buffered;
        }

        private sealed class BufferedContent : ByteArrayContent
        {
            public BufferedContent(byte[] content, int count) : base(content, 0, count)
            {
            }
        }
    }
}
