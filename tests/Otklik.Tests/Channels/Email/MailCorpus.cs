using System.Text;

namespace Otklik.Tests.Channels.Email;

/// <summary>The authored .eml files under Corpus/, copied next to the test assembly.</summary>
internal static class MailCorpus
{
    public static byte[] Bytes(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Channels", "Email", "Corpus", name));

    public static Otklik.Channels.Email.ParsedEmail Parse(string name) =>
        Otklik.Channels.Email.InboundMailParser.Parse(Bytes(name));

    /// <summary>A message written inline in a test; "\n" becomes CRLF.</summary>
    public static byte[] Message(string text) => Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n").Replace("\n", "\r\n"));
}
