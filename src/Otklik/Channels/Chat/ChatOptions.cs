namespace Otklik.Channels.Chat;

/// <summary>Under "Otklik:Chat".</summary>
public sealed class ChatOptions
{
    public const string Section = "Otklik:Chat";

    /// <summary>
    /// How long an agent's reply may stay unconfirmed by the widget before it goes by email (the visitor left).
    /// Two minutes ride out a page reload or a phone's lost signal; browser tests shorten it.
    /// </summary>
    public int FollowUpSeconds { get; set; } = 120;
}
