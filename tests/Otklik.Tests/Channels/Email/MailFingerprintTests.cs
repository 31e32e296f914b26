using System.Text;
using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed class MailFingerprintTests
{
    [Fact]
    public void Compute_SameMessageDeliveredTwice_GivesTheSameKey()
    {
        var a = MailFingerprint.Compute(MailCorpus.Bytes("duplicate-a.eml"));
        var b = MailFingerprint.Compute(MailCorpus.Bytes("duplicate-b.eml"));

        Assert.Equal("dup-1@mail.example.com", a.MessageId);
        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{64}$", a.DedupKey);
    }

    [Fact]
    public void Compute_SameMessageIdButDifferentBody_GivesADifferentKey()
    {
        var a = MailFingerprint.Compute(MailCorpus.Bytes("duplicate-a.eml"));
        var near = MailFingerprint.Compute(MailCorpus.Bytes("near-duplicate.eml"));

        Assert.Equal(a.MessageId, near.MessageId);
        Assert.NotEqual(a.DedupKey, near.DedupKey);
    }

    [Theory]
    [InlineData("Subject: Empty report", "Subject: Empty report!")]
    [InlineData("To: support@otklik.example, sales@otklik.example", "To: support@otklik.example")]
    [InlineData("Message-ID: <dup-1@mail.example.com>", "Message-ID: <dup-2@mail.example.com>")]
    public void Compute_ASenderHeaderDiffers_GivesADifferentKey(string original, string changed)
    {
        var bytes = MailCorpus.Bytes("duplicate-a.eml");
        var edited = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace(original, changed));

        Assert.NotEqual(MailFingerprint.Compute(bytes).DedupKey, MailFingerprint.Compute(edited).DedupKey);
    }

    [Fact]
    public void Compute_FoldedHeaderAndExtraTransportHeaders_DoNotMatter()
    {
        var one = "Message-ID: <x@y>\r\nSubject: Long subject here\r\n\r\nBody\r\n";
        var two = "Received: by a\r\nX-Spam: no\r\nMessage-ID: <x@y>\r\nSubject: Long\r\n subject   here\r\n\r\nBody\r\n";

        Assert.Equal(MailFingerprint.Compute(Encoding.ASCII.GetBytes(one)), MailFingerprint.Compute(Encoding.ASCII.GetBytes(two)));
    }

    [Fact]
    public void Compute_NoMessageIdOrEmptyInput_StillGivesAKey()
    {
        var (id, key) = MailFingerprint.Compute([]);

        Assert.Null(id);
        Assert.Equal(64, key.Length);
        Assert.NotEqual(key, MailFingerprint.Compute("Subject: x\r\n\r\nbody"u8.ToArray()).DedupKey);
    }
}
