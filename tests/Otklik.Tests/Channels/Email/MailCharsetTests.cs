using System.Text;
using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed class MailCharsetTests
{
    static MailCharsetTests() => MailCharset.EnsureRegistered();

    public static TheoryData<string> Russian =>
    [
        "Привет",
        "Счёт",
        "СРОЧНО",
        "ВНИМАНИЕ: ОШИБКА ОПЛАТЫ",
        "ООО «Ромашка», счёт №15",
        "Добрый день! Не могу войти в личный кабинет, пишет «неверный пароль».",
        "Заказ 5521 — где он?",
    ];

    [Theory]
    [MemberData(nameof(Russian))]
    public void Decode_UnlabelledCyrillic_FindsTheCodePage(string text)
    {
        foreach (var codePage in new[] { "windows-1251", "koi8-r", "iso-8859-5" })
        {
            var bytes = Encoding.GetEncoding(codePage).GetBytes(text);
            // KOI8-R and ISO-8859-5 have no « » — : such text cannot be written in them at all.
            if (Encoding.GetEncoding(codePage).GetString(bytes) != text) continue;
            Assert.Equal(text, MailCharset.Decode(bytes, null));
        }
    }

    [Theory]
    [MemberData(nameof(Russian))]
    public void Decode_CyrillicLabelledLatin1_IsOverruled(string text)
    {
        Assert.Equal(text, MailCharset.Decode(Encoding.GetEncoding("windows-1251").GetBytes(text), "iso-8859-1"));
        var koi8 = Encoding.GetEncoding("koi8-r").GetBytes(text);
        if (Encoding.GetEncoding("koi8-r").GetString(koi8) == text) Assert.Equal(text, MailCharset.Decode(koi8, "us-ascii"));
    }

    [Fact]
    public void Decode_Koi8rLabelledWindows1251_IsOverruled()
    {
        var text = "Добрый день! Не могу войти в личный кабинет.";

        var decoded = MailCharset.Decode(Encoding.GetEncoding("koi8-r").GetBytes(text), "windows-1251", out var note);

        Assert.Equal(text, decoded);
        Assert.Contains("koi8-r", note);
    }

    [Fact]
    public void Decode_CorrectLabel_IsTrustedWithoutANote()
    {
        var decoded = MailCharset.Decode(Encoding.GetEncoding("koi8-r").GetBytes("Счёт"), "koi8-r", out var note);

        Assert.Equal("Счёт", decoded);
        Assert.Null(note);
    }

    [Theory]
    [InlineData("Café crème, Straße, naïve résumé", "iso-8859-1")]
    [InlineData("Grüße aus München", "windows-1252")]
    [InlineData("Prix : 15 €", "windows-1252")]
    public void Decode_RealWesternText_StaysWestern(string text, string charset) =>
        Assert.Equal(text, MailCharset.Decode(Encoding.GetEncoding(charset).GetBytes(text), charset));

    [Fact]
    public void Decode_AsciiLabelWithWesternBytes_ReadsWindows1252() =>
        Assert.Equal("“Quoted” – café", MailCharset.Decode(Encoding.GetEncoding(1252).GetBytes("“Quoted” – café"), "us-ascii"));

    [Fact]
    public void Decode_Utf8LabelledAnything_IsUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes("Привет — ёлка");

        Assert.Equal("Привет — ёлка", MailCharset.Decode(bytes, "windows-1251"));
        Assert.Equal("Привет — ёлка", MailCharset.Decode(bytes, null));
    }

    [Fact]
    public void Decode_Utf8WithOneBrokenByte_StaysUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes("Длинный текст письма, в котором один байт испорчен передачей.").Concat(new byte[] { 0xD0 }).ToArray();

        Assert.StartsWith("Длинный текст письма", MailCharset.Decode(bytes, "utf-8"));
    }

    [Theory]
    [InlineData("cp1251")]
    [InlineData("win-1251")]
    [InlineData("WINDOWS1251")]
    [InlineData("x-cp1251")]
    public void Decode_CommonMisspelledLabels_AreUnderstood(string label)
    {
        Assert.Equal("Счёт", MailCharset.Decode(Encoding.GetEncoding(1251).GetBytes("Счёт"), label, out var note));
        Assert.Null(note);
    }

    [Fact]
    public void Decode_Utf16Label_IsHonouredEvenWithoutHighBytes() =>
        Assert.Equal("Hi", MailCharset.Decode(Encoding.Unicode.GetBytes("Hi"), "utf-16le"));

    [Fact]
    public void Repair_Latin1Mojibake_BecomesCyrillic()
    {
        var mojibake = Encoding.Latin1.GetString(Encoding.GetEncoding(1251).GetBytes("Пётр Сидоров"));

        Assert.Equal("Пётр Сидоров", MailCharset.Repair(mojibake));
        Assert.Equal("José Müller", MailCharset.Repair("José Müller"));
        Assert.Equal("Иван", MailCharset.Repair("Иван"));
    }
}
