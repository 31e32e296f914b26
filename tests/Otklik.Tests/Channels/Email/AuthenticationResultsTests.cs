using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed class AuthenticationResultsTests
{
    [Fact]
    public void Parse_ReadsTheThreeVerdicts() =>
        Assert.Equal(new AuthVerdicts("softfail", "pass", "fail"),
            AuthenticationResults.Parse("mx.otklik.example; spf=SoftFail smtp.mailfrom=x.org; dkim=pass header.d=x.org; dmarc=fail (p=reject) header.from=x.org"));

    [Fact]
    public void Parse_CommentsWithSemicolonsAndEqualsSigns_DoNotConfuseIt() =>
        Assert.Equal(new AuthVerdicts("pass", null, null),
            AuthenticationResults.Parse("mx.example (spf=fail; dkim=fail); spf=pass (sender; dkim=fail) smtp.mailfrom=a.b"));

    [Fact]
    public void Parse_SeveralDkimSignatures_OnePassIsEnough() =>
        Assert.Equal("pass", AuthenticationResults.Parse("mx; dkim=fail header.d=list.example; dkim=pass header.d=x.org").Dkim);

    [Fact]
    public void Parse_NoResults_IsUnknown()
    {
        Assert.Equal(AuthVerdicts.Unknown, AuthenticationResults.Parse("mx.otklik.example; none"));
        Assert.Equal(AuthVerdicts.Unknown, AuthenticationResults.Parse(null));
    }

    [Fact]
    public void Parse_MessageWithoutTheHeader_IsUnknown() =>
        Assert.Equal(AuthVerdicts.Unknown, MailCorpus.Parse("auto-reply.eml").Auth);
}
