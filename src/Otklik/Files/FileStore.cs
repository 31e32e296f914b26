using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Otklik.Infrastructure;

namespace Otklik.Files;

/// <summary>
/// Content-addressed files under {DataPath}/files/ab/cd/&lt;sha256&gt;: the same file sent twice is
/// stored once, and a file is written completely (temp file + rename) before anything points to it.
/// </summary>
public sealed class FileStore(IOptions<OtklikOptions> options)
{
    private string Root => Path.GetFullPath(Path.Combine(options.Value.DataPath, "files"));

    public async Task<(string Sha256, long Size)> SaveAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, $".upload-{Guid.NewGuid():N}");
        try
        {
            long size;
            byte[] hash;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes) throw new FileTooLargeException(maxBytes);
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                hash = sha.GetHashAndReset();
            }
            var sha256 = Convert.ToHexStringLower(hash);
            var target = PathOf(sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target)) File.Delete(temp);
            else File.Move(temp, target);
            return (sha256, size);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>
    /// Content already in memory (a raw email, a decoded attachment): hashed in one pass and written
    /// only when the store does not hold it yet. Written synchronously — for the few kilobytes to
    /// megabytes of mail an async file write costs more in thread-pool hand-offs than it saves.
    /// </summary>
    public Task<(string Sha256, long Size)> SaveAsync(ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var target = PathOf(sha256);
        if (!File.Exists(target))
        {
            var directory = Path.GetDirectoryName(target)!;
            Directory.CreateDirectory(directory);
            var temp = Path.Combine(directory, $".upload-{Guid.NewGuid():N}");
            try
            {
                using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
                    file.Write(content.Span);
                File.Move(temp, target, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
        return Task.FromResult((sha256, (long)content.Length));
    }

    public Stream? OpenRead(string sha256)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    /// <summary>A whole stored file in memory (raw emails are re-read for retries); null when it is missing.</summary>
    public async Task<byte[]?> ReadAllAsync(string sha256, CancellationToken ct)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit)) throw new ArgumentException("Not a SHA-256 content address.", nameof(sha256));
        return Path.Combine(Root, sha256[..2], sha256[2..4], sha256);
    }
}

public sealed class FileTooLargeException(long limit) : Exception($"The file is larger than {limit} bytes.")
{
    public long Limit { get; } = limit;
}
