using Otklik.Channels.Email;

namespace Otklik.Tests.Channels.Email;

public sealed class DangerousFilesTests
{
    [Theory]
    [InlineData("setup.exe", "application/octet-stream")]
    [InlineData("invoice.pdf.exe", "application/pdf")]
    [InlineData("INVOICE.PDF.SCR", "application/pdf")]
    [InlineData("run.js", "text/plain")]
    [InlineData("macro.vbs", "text/plain")]
    [InlineData("start.bat", "application/octet-stream")]
    [InlineData("start.cmd", "application/octet-stream")]
    [InlineData("tool.ps1", "text/plain")]
    [InlineData("setup.msi", "application/octet-stream")]
    [InlineData("app.jar", "application/zip")]
    [InlineData("page.hta", "text/html")]
    [InlineData("Документы.lnk", "application/octet-stream")]
    [InlineData("disk.iso", "application/octet-stream")]
    [InlineData("report.docm", "application/octet-stream")]
    [InlineData("prices.xlsm", "application/octet-stream")]
    [InlineData("trailing.exe.", "application/octet-stream")]
    [InlineData("trailing.exe  ", "application/octet-stream")]
    [InlineData("invoice\u202Eexe.pdf", "application/pdf")]
    [InlineData("report\u202Efdp.txt", "text/plain")]
    [InlineData("report.pdf", "application/x-msdownload")]
    [InlineData("data", "application/x-msdos-program")]
    [InlineData("prices.xlsx", "application/vnd.ms-excel.sheet.macroEnabled.12")]
    public void IsDangerous_ProgramsScriptsAndMacros(string name, string type) =>
        Assert.True(DangerousFiles.IsDangerous(name, type));

    [Theory]
    [InlineData("invoice.pdf", "application/pdf")]
    [InlineData("photo.jpg", "image/jpeg")]
    [InlineData("prices.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("report.docx", "application/octet-stream")]
    [InlineData("archive.zip", "application/zip")]
    [InlineData("exe", "text/plain")]
    [InlineData("notes.exe.txt", "text/plain")]
    [InlineData("attachment-1.bin", "application/octet-stream")]
    [InlineData("", "")]
    public void IsDangerous_OrdinaryFiles_AreNot(string name, string type) =>
        Assert.False(DangerousFiles.IsDangerous(name, type));
}
