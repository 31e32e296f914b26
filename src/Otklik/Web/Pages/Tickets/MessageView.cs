using Otklik.Channels.Email;
using Otklik.Features.Tickets;

namespace Otklik.Web.Pages.Tickets;

/// <summary>
/// A message body as the agent sees it: inline images pointed at our download URL, remote
/// images held back until asked for (loading them tells the sender the mail was read), and for
/// email the quoted history and signature folded away so the new words come first.
/// </summary>
public sealed record MessageView(string? Html, string Text, string? FoldedHtml, string? FoldedText, bool RemoteImagesBlocked)
{
    public static readonly MessageView Empty = new(null, "", null, null, false);

    public bool HasFolded => FoldedHtml is not null || FoldedText is not null;

    public static MessageView Of(MessageDto m, bool allowRemoteImages)
    {
        // Folding is for mail: other channels have no quoted history, and a chat line like "> 5 items" must stay.
        var fold = m.Email is not null && m.Kind == "inbound";
        if (m.Html is not { Length: > 0 } html)
        {
            var (visible, foldedText) = fold ? QuotedHistory.Split(m.Body) : (m.Body, null);
            return new MessageView(null, visible, null, foldedText, false);
        }
        var images = m.Attachments.Where(a => a.ContentId is { Length: > 0 })
            .GroupBy(a => a.ContentId!.Trim('<', '>'), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => $"/api/v1/attachments/{g.First().Id}", StringComparer.OrdinalIgnoreCase);
        var (visibleHtml, foldedHtml) = fold ? QuotedHistory.SplitHtml(html) : (html, null);
        var (shown, blockedShown) = EmailHtmlView.Render(visibleHtml, images, allowRemoteImages);
        if (foldedHtml is null) return new MessageView(shown, m.Body, null, null, blockedShown);
        var (folded, blockedFolded) = EmailHtmlView.Render(foldedHtml, images, allowRemoteImages);
        return new MessageView(shown, m.Body, folded, null, blockedShown || blockedFolded);
    }
}
