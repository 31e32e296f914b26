using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Otklik.Domain;

namespace Otklik.Channels.Email;

/// <summary>Opens authenticated IMAP, POP3 and SMTP sessions for a mailbox; keeps its secrets encrypted at rest.</summary>
public sealed class MailConnections(IDataProtectionProvider protection)
{
    private const string Purpose = "Otklik.Mailbox.Secrets";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public string Protect(string secret) => protection.CreateProtector(Purpose).Protect(secret);

    public string? Unprotect(string? protectedSecret) =>
        string.IsNullOrEmpty(protectedSecret) ? null : protection.CreateProtector(Purpose).Unprotect(protectedSecret);

    public async Task<ImapClient> ImapAsync(Mailbox box, CancellationToken ct)
    {
        var client = new ImapClient { Timeout = (int)Timeout.TotalMilliseconds };
        return await OpenAsync(client, box, box.InHost, box.InPort, box.InSecurity, box.InUser, box.InPasswordProtected, ct);
    }

    public async Task<Pop3Client> Pop3Async(Mailbox box, CancellationToken ct)
    {
        var client = new Pop3Client { Timeout = (int)Timeout.TotalMilliseconds };
        return await OpenAsync(client, box, box.InHost, box.InPort, box.InSecurity, box.InUser, box.InPasswordProtected, ct);
    }

    public async Task<SmtpClient> SmtpAsync(Mailbox box, CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        return await OpenAsync(client, box, box.SmtpHost, box.SmtpPort, box.SmtpSecurity, box.SmtpUser, box.SmtpPasswordProtected, ct);
    }

    private async Task<T> OpenAsync<T>(T client, Mailbox box, string? host, int port, MailSecurity security, string? user, string? password, CancellationToken ct)
        where T : MailService
    {
        if (string.IsNullOrWhiteSpace(host)) throw new MailSetupException(new MailWarning(MailConnectionTexts.NoHost, []));
        try
        {
            if (box.AcceptInvalidCertificates) client.ServerCertificateValidationCallback = (_, _, _, _) => true;
            await client.ConnectAsync(host, port, Options(security), ct);
            if (!string.IsNullOrEmpty(user)) await client.AuthenticateAsync(user, Unprotect(password) ?? "", ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions Options(MailSecurity security) => security switch
    {
        MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    /// <summary>A one-line, secret-free explanation of a connection failure in English, for logs.</summary>
    public static string Describe(Exception ex) => MailConnectionTexts.Problem(ex).Text(russian: false);
}

