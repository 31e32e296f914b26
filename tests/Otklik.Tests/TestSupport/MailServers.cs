using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Otklik.Tests.TestSupport;

/// <summary>A mailbox on the test Dovecot: any address of a mailbox domain logs in with <see cref="MailServers.Password"/>.</summary>
public sealed record MailUser(string Address, string Password)
{
    public MailboxAddress Mailbox => MailboxAddress.Parse(Address);
    public string LocalPart => Address[..Address.IndexOf('@')];
    public string Domain => Address[(Address.IndexOf('@') + 1)..];
    public override string ToString() => Address;
}

/// <summary>
/// The real Postfix and Dovecot that <c>tools/start-mail.sh</c> runs on 127.0.0.1 (see docs/testing.md).
/// Use as <c>IClassFixture&lt;MailServers&gt;</c> or in a collection fixture, and mark tests
/// <see cref="MailFactAttribute"/>: outside test.sh, with no servers running, they are skipped; under
/// test.sh (<c>OTKLIK_TEST_MAIL=1</c>) a missing server fails them instead.
/// Each test makes its own addresses (<see cref="NewUser"/>), so tests never see each other's mail.
/// </summary>
public sealed class MailServers : IDisposable
{
    public const string EnvironmentVariable = "OTKLIK_TEST_MAIL";
    public const string Host = "127.0.0.1";
    public const int SmtpPort = 25;         // relay without AUTH for 127.0.0.0/8, no TLS
    public const int SubmissionPort = 587;  // STARTTLS required, AUTH any user + Password
    public const int SubmissionsPort = 465; // implicit TLS, AUTH any user + Password
    public const int ImapPort = 143;        // plain or STARTTLS
    public const int ImapsPort = 993;
    public const int Pop3Port = 110;        // plain or STLS
    public const int Pop3sPort = 995;

    /// <summary>The one password of every mailbox (and of SMTP AUTH).</summary>
    public const string Password = "otklik-test";

    /// <summary>Mailbox domains: any local part is a Dovecot mailbox, created on first delivery or login.</summary>
    public const string MailboxDomain = "example.test";
    public const string OtklikDomain = "otklik.test";
    /// <summary>Accepted by Postfix, then refused (550 5.1.1) by the domain's fake MX: the sender gets a DSN.</summary>
    public const string BounceDomain = "bounce.test";
    /// <summary>Delivered through tools/mta/otklik-pipe to the URL registered with <see cref="RoutePipe"/>.</summary>
    public const string PipeDomain = "pipe.otklik.test";

    public const string PipeRoutesDirectory = "/var/lib/otklik-test/pipe-routes";
    /// <summary>The servers' self-signed certificate (CN mail.otklik.test, SAN 127.0.0.1 and localhost).</summary>
    public const string CertificatePath = "/var/lib/otklik-test/tls/cert.pem";

    private static readonly Lazy<string?> Unavailability = new(Probe);
    private readonly List<string> _routes = [];

    public MailServers()
    {
        if (!ServersAvailable && Required)
            throw new InvalidOperationException($"{EnvironmentVariable} is set but the test mail servers are not reachable: {SkipReason}. " +
                "Run tools/start-mail.sh (test.sh does).");
    }

    /// <summary>True when Postfix (25) and Dovecot (143) answer on 127.0.0.1 (probed once per test run).</summary>
    public static bool ServersAvailable => Unavailability.Value is null;

    /// <summary>Same as <see cref="ServersAvailable"/>, for tests holding the fixture.</summary>
    public bool Available => ServersAvailable;

    /// <summary>Why the servers count as unavailable, or null.</summary>
    public static string? SkipReason => Unavailability.Value;

    /// <summary>Under test.sh the servers must be there: a silently skipped suite is a hole.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } v && v != "0";

    /// <summary>A fresh random address with the shared password.</summary>
    public MailUser NewUser(string domain = MailboxDomain) => new(NewAddress(domain), Password);

    public static string NewAddress(string domain = MailboxDomain) => $"u{Guid.NewGuid():N}"[..15] + "@" + domain;

    // ---- sending ----

    /// <summary>Sends through Postfix on 127.0.0.1:25 (no TLS, no AUTH); envelope from Sender/From, to To/Cc/Bcc.</summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(Host, SmtpPort, SecureSocketOptions.None, cancellationToken);
        await smtp.SendAsync(message, cancellationToken);
        await smtp.DisconnectAsync(true, cancellationToken);
    }

    /// <summary>Sends hand-written message bytes unchanged (line endings become CRLF, dot-stuffing is done here).</summary>
    public Task SendRawAsync(string from, string to, byte[] raw, CancellationToken cancellationToken = default) =>
        SendRawAsync(from, [to], raw, cancellationToken);

    public async Task SendRawAsync(string from, IReadOnlyCollection<string> to, byte[] raw, CancellationToken cancellationToken = default)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Host, SmtpPort, cancellationToken);
        await using var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 1024, leaveOpen: true);

        async Task<string> ReplyAsync(int expected)
        {
            var text = new StringBuilder();
            string? line;
            do
            {
                line = await reader.ReadLineAsync(cancellationToken) ?? throw new IOException("SMTP server closed the connection");
                text.AppendLine(line);
            } while (line.Length > 3 && line[3] == '-');
            if (!line.StartsWith(expected.ToString(), StringComparison.Ordinal))
                throw new SmtpProtocolRawException($"expected {expected}, got: {text.ToString().Trim()}");
            return text.ToString();
        }
        async Task CommandAsync(string command, int expected)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(command + "\r\n"), cancellationToken);
            await ReplyAsync(expected);
        }

        await ReplyAsync(220);
        await CommandAsync("EHLO tests.otklik.test", 250);
        var eightBit = raw.Any(b => b >= 0x80);
        var utf8Address = !Ascii.IsValid(from) || to.Any(t => !Ascii.IsValid(t));
        await CommandAsync($"MAIL FROM:<{from}>" + (eightBit ? " BODY=8BITMIME" : "") + (utf8Address ? " SMTPUTF8" : ""), 250);
        foreach (var recipient in to) await CommandAsync($"RCPT TO:<{recipient}>", 250);
        await CommandAsync("DATA", 354);
        await stream.WriteAsync(DotStuff(raw), cancellationToken);
        await CommandAsync(".", 250);
        await stream.WriteAsync("QUIT\r\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>CRLF line endings, a leading '.' doubled, and a final CRLF.</summary>
    private static byte[] DotStuff(byte[] raw)
    {
        var output = new MemoryStream(raw.Length + 64);
        var lineStart = true;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (lineStart && b == '.') output.WriteByte((byte)'.');
            if (b == '\n' && (i == 0 || raw[i - 1] != '\r')) output.WriteByte((byte)'\r');
            if (b == '\r' && (i + 1 >= raw.Length || raw[i + 1] != '\n')) { output.Write("\r\n"u8); lineStart = true; continue; }
            output.WriteByte(b);
            lineStart = b == '\n';
        }
        if (!lineStart) output.Write("\r\n"u8);
        return output.ToArray();
    }

    // ---- reading ----

    /// <summary>Polls the user's INBOX over IMAP until it holds at least <paramref name="atLeast"/> messages; all of them, oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(MailUser user, int atLeast, TimeSpan timeout)
    {
        using var imap = await ConnectImapAsync(user);
        var inbox = imap.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadOnly);
        var until = DateTime.UtcNow + timeout;
        while (inbox.Count < atLeast)
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"{user.Address}: expected at least {atLeast} message(s) in INBOX within {timeout.TotalSeconds:0}s, " +
                    $"found {inbox.Count}. Postfix log: /var/log/otklik-test/postfix.log");
            await Task.Delay(100);
            await imap.NoOpAsync();
        }
        var messages = await FetchAllAsync(inbox);
        await imap.DisconnectAsync(true);
        return messages;
    }

    /// <summary>Every message in a folder ("INBOX", "Sent", "Junk", "Trash", "Drafts", "Archive" exist for every user), oldest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> ReadFolderAsync(MailUser user, string folder = "INBOX")
    {
        using var imap = await ConnectImapAsync(user);
        var mailFolder = folder.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? imap.Inbox : await imap.GetFolderAsync(folder);
        await mailFolder.OpenAsync(FolderAccess.ReadOnly);
        var messages = await FetchAllAsync(mailFolder);
        await imap.DisconnectAsync(true);
        return messages;
    }

    /// <summary>
    /// The folder's messages once one of them matches, or as they are when <paramref name="timeout"/> passes (the caller
    /// asserts). For copies the app makes after recording a send, such as the Sent folder's.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForFolderAsync(MailUser user, string folder, Func<MimeMessage, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = await ReadFolderAsync(user, folder);
            if (messages.Any(match) || DateTime.UtcNow > until) return messages;
            await Task.Delay(100);
        }
    }

    private static async Task<IReadOnlyList<MimeMessage>> FetchAllAsync(IMailFolder folder)
    {
        var messages = new List<MimeMessage>(folder.Count);
        for (var i = 0; i < folder.Count; i++) messages.Add(await folder.GetMessageAsync(i));
        return messages;
    }

    /// <summary>A signed-in IMAP client (plain on 143 by default; 993 with <see cref="SecureSocketOptions.SslOnConnect"/>,
    /// 143 with <see cref="SecureSocketOptions.StartTls"/>). The self-signed certificate is accepted.</summary>
    public async Task<ImapClient> ConnectImapAsync(MailUser user, int port = ImapPort, SecureSocketOptions security = SecureSocketOptions.None)
    {
        var imap = new ImapClient { ServerCertificateValidationCallback = (_, _, _, _) => true, Timeout = 15_000 };
        try
        {
            await imap.ConnectAsync(Host, port, security);
            await imap.AuthenticateAsync(user.Address, user.Password);
            return imap;
        }
        catch
        {
            imap.Dispose();
            throw;
        }
    }

    /// <summary>A signed-in POP3 client (110 plain or STLS, 995 with SslOnConnect); the self-signed certificate is accepted.</summary>
    public async Task<Pop3Client> ConnectPop3Async(MailUser user, int port = Pop3Port, SecureSocketOptions security = SecureSocketOptions.None)
    {
        var pop3 = new Pop3Client { ServerCertificateValidationCallback = (_, _, _, _) => true, Timeout = 15_000 };
        try
        {
            await pop3.ConnectAsync(Host, port, security);
            await pop3.AuthenticateAsync(user.Address, user.Password);
            return pop3;
        }
        catch
        {
            pop3.Dispose();
            throw;
        }
    }

    // ---- pipe routes ----

    /// <summary>
    /// Makes Postfix hand mail for <paramref name="recipient"/> (an address @<see cref="PipeDomain"/>) to
    /// tools/mta/otklik-pipe, which POSTs it to <paramref name="url"/> with the header
    /// X-Otklik-Inbox-Secret: <paramref name="secret"/>. Takes effect for the next delivery attempt;
    /// the route is removed when the fixture is disposed.
    /// </summary>
    public void RoutePipe(string recipient, string url, string secret)
    {
        var name = recipient.Trim().ToLowerInvariant();
        if (name.Contains('/') || name.StartsWith('.') || !name.Contains('@')) throw new ArgumentException($"Not an address: {recipient}", nameof(recipient));
        if ((url + secret).Any(char.IsControl)) throw new ArgumentException("URL and secret must be one line each.");
        var path = Path.Combine(PipeRoutesDirectory, name);
        var temp = Path.Combine(PipeRoutesDirectory, $".{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, $"url = {url}\nsecret = {secret}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(temp, path, overwrite: true);
        lock (_routes) _routes.Add(path);
    }

    public void RemovePipeRoute(string recipient) => File.Delete(Path.Combine(PipeRoutesDirectory, recipient.Trim().ToLowerInvariant()));

    public void Dispose()
    {
        lock (_routes)
        {
            foreach (var path in _routes)
            {
                try { File.Delete(path); }
                catch (IOException) { /* already gone */ }
            }
            _routes.Clear();
        }
    }

    private static string? Probe()
    {
        foreach (var (port, what) in new[] { (SmtpPort, "Postfix SMTP"), (ImapPort, "Dovecot IMAP") })
        {
            try
            {
                using var tcp = new TcpClient();
                if (!tcp.ConnectAsync(Host, port).Wait(TimeSpan.FromSeconds(2))) return $"{what} on {Host}:{port} does not answer";
            }
            catch (Exception e)
            {
                return $"{what} on {Host}:{port}: {e.GetBaseException().Message}";
            }
        }
        if (!Directory.Exists(PipeRoutesDirectory)) return $"{PipeRoutesDirectory} is missing (not the tools/start-mail.sh servers?)";
        return null;
    }
}

/// <summary>An unexpected reply in <see cref="MailServers.SendRawAsync(string, string, byte[], CancellationToken)"/>.</summary>
public sealed class SmtpProtocolRawException(string message) : IOException(message);

/// <summary>
/// A fact that needs the test mail servers: skipped with the reason when they are not running and
/// <c>OTKLIK_TEST_MAIL</c> is not set; when it is set (test.sh), the test runs and fails if they are gone.
/// </summary>
public sealed class MailFactAttribute : Xunit.FactAttribute
{
    public MailFactAttribute()
    {
        if (!MailServers.ServersAvailable && !MailServers.Required)
            Skip = $"Test mail servers not running ({MailServers.SkipReason}); run tools/start-mail.sh or ./test.sh.";
    }
}

/// <summary>The <see cref="MailFactAttribute"/> rule for theories.</summary>
public sealed class MailTheoryAttribute : Xunit.TheoryAttribute
{
    public MailTheoryAttribute()
    {
        if (!MailServers.ServersAvailable && !MailServers.Required)
            Skip = $"Test mail servers not running ({MailServers.SkipReason}); run tools/start-mail.sh or ./test.sh.";
    }
}
