using Microsoft.AspNetCore.Http.Features;

namespace Otklik.Infrastructure;

/// <summary>
/// Otklik:MaxRequestBodyBytes on every server. Kestrel's own limit does not apply behind
/// IIS, HTTP.sys or the test server, so the limit is set per request where the server
/// allows it, and otherwise enforced here by counting the bytes read.
/// </summary>
public static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, Func<HttpContext, long> limitOf) => app.Use((http, next) =>
    {
        var limit = limitOf(http);
        if (http.Request.ContentLength > limit) throw TooLarge(limit);
        var feature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
        else http.Request.Body = new CountingStream(http.Request.Body, limit);
        return next(http);
    });

    private static BadHttpRequestException TooLarge(long limit) =>
        new($"The request body is larger than the limit of {limit} bytes.", StatusCodes.Status413PayloadTooLarge);

    private sealed class CountingStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            Count(await inner.ReadAsync(buffer, ct));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        private int Count(int read)
        {
            _read += read;
            return _read > limit ? throw TooLarge(limit) : read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
