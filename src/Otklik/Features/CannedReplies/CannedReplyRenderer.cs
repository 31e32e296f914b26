using System.Text.RegularExpressions;
using Otklik.Domain;

namespace Otklik.Features.CannedReplies;

/// <summary>What a canned reply's variables stand for on one ticket, for one agent. Null means "not known here".</summary>
public sealed record ReplyContext(string? CustomerName, string? AgentName, long? TicketId, string? TicketSubject, string? CompanyName);

/// <summary>The text to insert, and the {{names}} the renderer did not know (left as typed so the agent sees them).</summary>
public sealed record RenderedReply(string Text, IReadOnlyList<string> UnknownVariables);

/// <summary>
/// Fills {{customer.name}} and friends into a canned reply. Plain text in, plain text out: values are inserted
/// as they are and never read again, so a customer called "{{agent.name}}" stays literally that.
/// </summary>
public static partial class CannedReplyRenderer
{
    public static readonly IReadOnlyList<string> Variables =
        ["customer.name", "customer.first_name", "agent.name", "agent.first_name", "ticket.id", "ticket.subject", "company.name"];

    [GeneratedRegex(@"\{\{\s*([^{}\r\n]{1,100}?)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();

    public static RenderedReply Render(string body, ReplyContext context)
    {
        var unknown = new List<string>();
        var text = Variable().Replace(body, m =>
        {
            var name = m.Groups[1].Value;
            if (TryValue(name.ToLowerInvariant(), context, out var value)) return value;
            if (!unknown.Contains(name, StringComparer.OrdinalIgnoreCase)) unknown.Add(name);
            return m.Value;
        });
        return new RenderedReply(text, unknown);
    }

    /// <summary>The {{names}} in a body that no ticket would fill: shown while editing, before anyone sends it.</summary>
    public static IReadOnlyList<string> UnknownIn(string body) => Render(body, new ReplyContext(null, null, null, null, null)).UnknownVariables;

    private static bool TryValue(string name, ReplyContext c, out string value)
    {
        string? found = name switch
        {
            "customer.name" => c.CustomerName?.Trim() ?? "",
            "customer.first_name" => Names.FirstName(c.CustomerName) ?? "",
            "agent.name" => c.AgentName?.Trim() ?? "",
            "agent.first_name" => Names.FirstName(c.AgentName) ?? "",
            "ticket.id" => c.TicketId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            "ticket.subject" => c.TicketSubject ?? "",
            "company.name" => c.CompanyName ?? "",
            _ => null,
        };
        value = found ?? "";
        return found is not null;
    }
}
