using System.Text;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Otklik.E2E;

[Collection(AppCollection.Name)]
public sealed class AttachmentTests(AppFixture app)
{
    [Fact]
    public async Task File_sent_from_the_composer_reaches_a_colleague_live_and_downloads_intact()
    {
        var sender = await app.SignInAsync(AppFixture.AdminEmail, AppFixture.AdminPassword);
        var id = await AppFixture.OpenTicketAsync(sender);

        var reader = await app.SignInAsync("anna@otklik.local", AppFixture.DemoPassword);
        await reader.GotoAsync($"/tickets/{id}");
        await AppFixture.WaitInteractiveAsync(reader);

        var name = $"invoice-{Guid.NewGuid():N}.txt";
        var bytes = Encoding.UTF8.GetBytes("Счёт №42\nитого 1 500 ₽\n" + name);
        await sender.Locator("[data-test=attach-input]").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/plain", Buffer = bytes });
        var chosen = sender.Locator("[data-test=composer-file]");
        await Expect(chosen).ToContainTextAsync(name);
        await Expect(chosen).ToContainTextAsync($"{bytes.Length} Б");

        await sender.Locator("[data-test=reply-box]").FillAsync("Счёт во вложении");
        await sender.Locator("[data-test=send-reply]").ClickAsync();
        await Expect(sender.Locator("[data-test=composer-file]")).ToHaveCountAsync(0);

        // Anna's page is not reloaded: the new message with its file arrives over the circuit.
        var link = reader.Locator("[data-test=message] [data-test=attachment]").Filter(new() { HasText = name });
        await Expect(link).ToBeVisibleAsync();
        var href = await link.GetAttributeAsync("href");
        var download = await reader.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        Assert.Equal(bytes, await download.BodyAsync());

        await sender.Context.CloseAsync();
        await reader.Context.CloseAsync();
    }

    [Fact]
    public async Task Removed_file_is_not_sent_and_a_too_large_file_is_refused_with_a_message()
    {
        var page = await app.SignInAsync("anna@otklik.local", AppFixture.DemoPassword);
        await page.Locator("[data-test=ticket-row] [data-test=ticket-link]").First.ClickAsync();
        await Expect(page.Locator("[data-test=ticket]")).ToBeVisibleAsync();

        // One byte over the 10 MB default of Otklik:MaxRequestBodyBytes.
        var huge = new byte[10 * 1024 * 1024 + 1];
        await page.Locator("[data-test=attach-input]").SetInputFilesAsync(new FilePayload { Name = "huge.bin", MimeType = "application/octet-stream", Buffer = huge });
        await Expect(page.Locator("[data-test=file-too-big]")).ToContainTextAsync("huge.bin");
        await Expect(page.Locator("[data-test=composer-file]")).ToHaveCountAsync(0);

        var kept = $"kept-{Guid.NewGuid():N}.png";
        var dropped = $"dropped-{Guid.NewGuid():N}.txt";
        await page.Locator("[data-test=attach-input]").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = kept, MimeType = "image/png", Buffer = Png },
            new FilePayload { Name = dropped, MimeType = "text/plain", Buffer = "x"u8.ToArray() },
        });
        await Expect(page.Locator("[data-test=composer-file]")).ToHaveCountAsync(2);
        await page.Locator("[data-test=composer-file]").Filter(new() { HasText = dropped }).Locator("[data-test=remove-file]").ClickAsync();
        await Expect(page.Locator("[data-test=composer-file]")).ToHaveCountAsync(1);

        // Files alone are a message.
        await page.Locator("[data-test=mode-note]").ClickAsync();
        await page.Locator("[data-test=send-reply]").ClickAsync();
        var message = page.Locator("[data-test=message]").Filter(new() { Has = page.Locator($"[data-test=attachment]:text('{kept}')") });
        await Expect(message).ToHaveCountAsync(1);
        var thumb = message.Locator("[data-test=attachment-thumb]");
        await Expect(thumb).ToBeVisibleAsync();
        // The thumbnail is the real image served by the download endpoint, not a broken link.
        await thumb.EvaluateAsync("i => i.decode()");
        Assert.Equal(1, await thumb.EvaluateAsync<int>("i => i.naturalWidth"));
        await Expect(message.Locator("[data-test=attachment]")).ToHaveCountAsync(1);
        await Expect(page.Locator($"[data-test=attachment]:text('{dropped}')")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    // A 1×1 transparent PNG, so the thumbnail has something real to decode.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
}
