using Otklik.Domain;
using Otklik.Features.CannedReplies;

namespace Otklik.Tests.Features.CannedReplies;

public sealed class CannedReplyRendererTests
{
    private static readonly ReplyContext Context = new("Мария Петровна Иванова", "Олег Смирнов", 42, "Заказ не пришёл", "Магазин Ромашка");

    [Fact]
    public void Render_FillsEveryKnownVariable()
    {
        var body = "{{customer.name}}|{{customer.first_name}}|{{agent.name}}|{{agent.first_name}}|{{ticket.id}}|{{ticket.subject}}|{{company.name}}";
        var result = CannedReplyRenderer.Render(body, Context);
        Assert.Equal("Мария Петровна Иванова|Мария|Олег Смирнов|Олег|42|Заказ не пришёл|Магазин Ромашка", result.Text);
        Assert.Empty(result.UnknownVariables);
    }

    [Fact]
    public void Render_AllowsSpacesAndAnyCaseInsideBraces()
    {
        var result = CannedReplyRenderer.Render("Здравствуйте, {{ Customer.First_Name }}!", Context);
        Assert.Equal("Здравствуйте, Мария!", result.Text);
    }

    [Fact]
    public void Render_LeavesUnknownVariablesAsTypedAndReportsEachOnce()
    {
        var result = CannedReplyRenderer.Render("{{order.number}} {{customer.name}} {{order.number}} {{ x }}", Context);
        Assert.Equal("{{order.number}} Мария Петровна Иванова {{order.number}} {{ x }}", result.Text);
        Assert.Equal(["order.number", "x"], result.UnknownVariables);
    }

    [Fact]
    public void Render_MissingValuesBecomeEmptyWithNoBracesLeft()
    {
        var result = CannedReplyRenderer.Render("Hi {{customer.first_name}}, {{agent.name}} / {{ticket.id}} / {{company.name}}.", new ReplyContext(null, "  ", null, null, null));
        Assert.Equal("Hi ,  /  / .", result.Text);
        Assert.DoesNotContain("{{", result.Text);
        Assert.Empty(result.UnknownVariables);
    }

    [Fact]
    public void Render_InsertsValuesVerbatimAndNeverExpandsThemAgain()
    {
        var sneaky = new ReplyContext("{{agent.name}} <script>alert(1)</script>", "Олег", 1, "<b>subject</b>", null);
        var result = CannedReplyRenderer.Render("{{customer.name}} — {{ticket.subject}}", sneaky);
        Assert.Equal("{{agent.name}} <script>alert(1)</script> — <b>subject</b>", result.Text);
        Assert.Empty(result.UnknownVariables);
    }

    [Fact]
    public void Render_TextWithoutVariablesIsUnchanged()
    {
        const string body = "Спасибо за обращение!\n{ not a variable } {{}} {{\n}}";
        Assert.Equal(body, CannedReplyRenderer.Render(body, Context).Text);
    }

    [Theory]
    [InlineData("Мария", "Мария")]
    [InlineData("  Anna   Karenina ", "Anna")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void FirstName_IsTheFirstWord(string? name, string expected) => Assert.Equal(expected, Names.FirstName(name) ?? "");

    [Fact]
    public void UnknownIn_NamesOnlyVariablesNoTicketFills() =>
        Assert.Equal(["order"], CannedReplyRenderer.UnknownIn("{{customer.name}} {{order}} {{ticket.id}}"));
}
