using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Otklik.Channels.Email;

/// <summary>
/// What went wrong talking to a mail server, as a <see cref="MailWarning"/> code (stored on the
/// mailbox's status panel, read in the admin's language) and the words for each code.
/// </summary>
public static class MailConnectionTexts
{
    public const string AuthRefused = "mail-auth", TlsFailed = "mail-tls", CannotConnect = "mail-connect", NoHost = "mail-no-host",
        Lost = "mail-lost", ImapAnswered = "mail-imap", SmtpAnswered = "mail-smtp", Protocol = "mail-protocol", Timeout = "mail-timeout",
        Undownloadable = "mail-undownloadable", Other = "mail-other";

    public static MailWarning Problem(Exception ex) => ex switch
    {
        AuthenticationException => new(AuthRefused, []),
        SslHandshakeException => new(TlsFailed, []),
        System.Net.Sockets.SocketException s => new(CannotConnect, [s.SocketErrorCode.ToString()]),
        MailSetupException m => m.Problem,
        ServiceNotConnectedException => new(Lost, []),
        ImapCommandException i => new(ImapAnswered, [$"{i.Response} {i.ResponseText}"]),
        SmtpCommandException s => new(SmtpAnswered, [((int)s.StatusCode).ToString(), s.Message]),
        ProtocolException p => new(Protocol, [p.Message]),
        TimeoutException or OperationCanceledException => new(Timeout, []),
        _ => new(Other, [ex.GetType().Name, ex.Message]),
    };

    /// <summary>The words for a connection code, or null when the code is not one of these.</summary>
    public static string? Text(string code, string[] args, bool russian) => (code, args) switch
    {
        (AuthRefused, _) => russian ? "Сервер не принял имя пользователя или пароль." : "The server refused the user name or password.",
        (TlsFailed, _) => russian ? "Не удалось установить TLS-соединение (сертификату нет доверия или не те порт и защита)."
            : "The TLS handshake failed (certificate not trusted or wrong port/security setting).",
        (CannotConnect, [var why]) => russian ? $"Не удаётся подключиться: {why}." : $"Cannot connect: {why}.",
        (NoHost, _) => russian ? "Не указан адрес сервера." : "No server host is set.",
        (Lost, _) => russian ? "Соединение прервалось." : "The connection was lost.",
        (ImapAnswered, [var answer]) => russian ? $"Ответ IMAP-сервера: {answer}" : $"The IMAP server answered: {answer}",
        (SmtpAnswered, [var status, var answer]) => russian ? $"Ответ SMTP-сервера {status}: {answer}" : $"The SMTP server answered {status}: {answer}",
        (Protocol, [var detail]) => russian ? $"Ошибка протокола: {detail}" : $"Protocol error: {detail}",
        (Timeout, _) => russian ? "Сервер не ответил вовремя." : "The server did not answer in time.",
        (Undownloadable, [var uid]) => russian ? $"Письмо с UID {uid} не удалось скачать; пробуем снова." : $"Message UID {uid} could not be downloaded; retrying.",
        (Other, [var type, var detail]) => $"{type}: {detail}",
        _ => null,
    };
}

/// <summary>A mailbox set up so that it cannot work (no host), or a message the server would not hand over.</summary>
public sealed class MailSetupException(MailWarning problem) : Exception(problem.Text(russian: false))
{
    public MailWarning Problem { get; } = problem;
}
