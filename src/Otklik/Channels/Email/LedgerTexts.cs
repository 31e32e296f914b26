namespace Otklik.Channels.Email;

/// <summary>
/// Why the inbound ledger kept a message off a ticket (ignored or quarantined), as a
/// <see cref="MailWarning"/> code, and the words for each code in Russian and English.
/// </summary>
public static class LedgerTexts
{
    public const string OwnAddress = "ledger-own-address", Loop = "ledger-loop", UnknownBounce = "ledger-unknown-bounce",
        Report = "ledger-report", Bounced = "ledger-bounced", NoSender = "ledger-no-sender", Failed = "ledger-failed", Converted = "ledger-converted";

    public static string? Text(string code, string[] args, bool russian) => (code, args) switch
    {
        (OwnAddress, _) => russian ? "Отправлено с адреса самого ящика: почтовая петля." : "Sent from this inbox's own address: a mail loop.",
        (Loop, [var count, var from, var limit]) => russian
            ? $"Похоже на почтовую петлю: {count} писем от {from} за час (предел {limit}). Письмо сохранено здесь, не в обращении."
            : $"Mail loop suspected: {count} messages from {from} within an hour (limit {limit}). Kept here, not on a ticket.",
        (UnknownBounce, [var original]) => russian
            ? $"Отчёт о недоставке письма, которого у нас нет ({(original.Length == 0 ? "в отчёте нет Message-ID" : original)})."
            : $"Bounce for a message we do not know ({(original.Length == 0 ? "no Message-ID in the report" : original)}).",
        (Report, [var action, var message]) => russian
            ? $"Отчёт о доставке «{action}» для сообщения {message}." : $"Delivery report '{action}' for message {message}.",
        (Bounced, [var message, var ticket]) => russian
            ? $"Отчёт о недоставке: сообщение {message} в обращении #{ticket} не доставлено." : $"Bounce: message {message} on ticket #{ticket} was not delivered.",
        (NoSender, _) => russian ? "В письме нет пригодного адреса отправителя (From)." : "The message has no usable sender address (From).",
        (Failed, [var type, var detail]) => $"{type}: {detail}",
        (Converted, [var agent, var before]) => russian
            ? $"Сотрудник {agent} сделал из письма обращение. Было: {Nested(before, true)}"
            : $"Converted to a ticket by agent {agent}. Was: {Nested(before, false)}",
        _ => null,
    };

    /// <summary>The ledger's stored reason in the reader's language.</summary>
    public static string? Read(string? stored, bool russian) =>
        MailWarning.Read(stored) is [var first, ..] ? first.Text(russian) : null;

    private static string Nested(string stored, bool russian) => Read(stored, russian) ?? "";
}

/// <summary>Mail that cannot become a ticket as it is (no sender): quarantined with a reason an admin can act on.</summary>
public sealed class UnusableMailException(MailWarning reason) : Exception(reason.Text(russian: false))
{
    public MailWarning Reason { get; } = reason;
}
