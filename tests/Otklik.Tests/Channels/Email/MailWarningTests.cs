using Otklik.Channels.Email;
using Otklik.Domain;

namespace Otklik.Tests.Channels.Email;

public sealed class MailWarningTests
{
    [Fact]
    public void StoreAndRead_KeepCodesAndValues_ForEitherLanguage()
    {
        var stored = MailWarning.Store([MailWarning.Of(new RefusedFile("отчёт.pdf", 31 * 1024 * 1024 + 300 * 1024, 25 * 1024 * 1024)),
            new MailWarning(MailWarning.ImitatesCompany, ["Otklik", "help@otklik-billing.top"])]);

        var read = MailWarning.Read(stored);

        Assert.Equal(2, read.Count);
        Assert.Equal("File \"отчёт.pdf\" (31.3 MB) was refused: this inbox accepts files up to 25 MB.", read[0].Text(russian: false));
        Assert.Equal("Файл «отчёт.pdf» (31,3 МБ) не принят: этот адрес принимает файлы до 25 МБ.", read[0].Text(russian: true));
        Assert.Equal("имя отправителя выдаёт себя за «Otklik», но адрес — help@otklik-billing.top", read[1].Text(russian: true));
    }

    [Theory]
    [InlineData("display name imitates \"Otklik\" but the address is a@b.c")]
    [InlineData("[not json")]
    [InlineData("[{\"x\":1}]")]
    public void Read_OlderPlainSentence_IsShownAsItIs(string stored)
    {
        var read = Assert.Single(MailWarning.Read(stored));

        Assert.Equal(stored, read.Text(russian: true));
    }

    [Fact]
    public void Store_TooManyForTheColumn_KeepsTheFirstOnesThatFit()
    {
        var many = Enumerable.Range(0, 40).Select(i => MailWarning.Of(new RefusedFile(new string('x', 100) + i, 50_000_000, 10_000_000))).ToList();

        var stored = MailWarning.Store(many, 2000)!;

        Assert.InRange(stored.Length, 1000, 2000);
        Assert.StartsWith("File \"" + new string('x', 100) + "0\"", MailWarning.Read(stored)[0].Text(russian: false));
    }

    [Fact]
    public void FilesRefusedNotice_IsWholeInTheCustomersLanguage()
    {
        var text = NoticeTexts.FilesRefused([new RefusedFile("scan.tiff", 40 * 1024 * 1024, 25 * 1024 * 1024)], 1234, russian: true);

        Assert.Contains("• Файл «scan.tiff» (40 МБ) не принят: этот адрес принимает файлы до 25 МБ.", text);
        Assert.DoesNotContain("refused", text);
    }

    [Fact]
    public void ConnectionProblem_IsStoredAsACode_AndReadInEitherLanguage()
    {
        var problem = MailConnectionTexts.Problem(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

        var read = Assert.Single(MailWarning.Read(MailWarning.Store([problem])));

        Assert.Equal(MailConnectionTexts.CannotConnect, read.Code);
        Assert.Equal("Cannot connect: ConnectionRefused.", read.Text(russian: false));
        Assert.Equal("Не удаётся подключиться: ConnectionRefused.", read.Text(russian: true));
    }

    [Fact]
    public void Store_OneWarningTooLongForTheColumn_IsKeptShortened()
    {
        var answer = new string('я', 5000);

        var stored = MailWarning.Store([new MailWarning(MailConnectionTexts.SmtpAnswered, ["550", answer])])!;

        Assert.InRange(stored.Length, 1, 2000);
        Assert.StartsWith("Ответ SMTP-сервера 550: яяя", MailWarning.Read(stored)[0].Text(russian: true));
    }
}
