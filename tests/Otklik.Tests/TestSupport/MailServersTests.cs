using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Utils;

namespace Otklik.Tests.TestSupport;

/// <summary>Proves the test mail servers and <see cref="MailServers"/> behave as the email-channel tests assume.</summary>
public sealed class MailServersTests(MailServers mail) : IClassFixture<MailServers>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static MimeMessage NewMessage(MailUser from, string to, string? subject = null)
    {
        var message = new MimeMessage();
        message.From.Add(from.Mailbox);
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject ?? "Test " + Guid.NewGuid().ToString("N")[..8];
        message.MessageId = MimeUtils.GenerateMessageId("tests.otklik.test");
        message.Body = new TextPart("plain") { Text = "Hello from the mail server tests." };
        return message;
    }

    [MailFact]
    public async Task Smtp_message_arrives_in_the_imap_inbox_with_headers_intact()
    {
        var (alice, bob) = (mail.NewUser(), mail.NewUser(MailServers.OtklikDomain));
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Алиса Тестова", alice.Address));
        message.To.Add(bob.Mailbox);
        message.Subject = "Вопрос по заказу №42";
        message.MessageId = MimeUtils.GenerateMessageId("tests.otklik.test");
        message.InReplyTo = "<earlier@tests.otklik.test>";
        message.References.Add("<first@tests.otklik.test>");
        message.References.Add("<earlier@tests.otklik.test>");
        message.Headers.Add("X-Otklik-Test", "kept as is");
        var body = new BodyBuilder { TextBody = "Здравствуйте! Текст письма.", HtmlBody = "<p>Здравствуйте! <b>Текст</b> письма.</p>" };
        body.Attachments.Add("заказ.txt", Encoding.UTF8.GetBytes("order 42"), new ContentType("text", "plain"));
        message.Body = body.ToMessageBody();

        await mail.SendAsync(message);

        var received = Assert.Single(await mail.WaitForMessagesAsync(bob, 1, Wait));
        Assert.Equal(message.MessageId, received.MessageId);
        Assert.Equal("Вопрос по заказу №42", received.Subject);
        Assert.Equal("Алиса Тестова", received.From.Mailboxes.Single().Name);
        Assert.Equal(alice.Address, received.From.Mailboxes.Single().Address);
        Assert.Equal("earlier@tests.otklik.test", received.InReplyTo);
        Assert.Equal(["first@tests.otklik.test", "earlier@tests.otklik.test"], received.References);
        Assert.Equal("kept as is", received.Headers["X-Otklik-Test"]);
        Assert.Equal(bob.Address, received.Headers["Delivered-To"]);
        Assert.Equal("Здравствуйте! Текст письма.", received.TextBody!.Trim());
        Assert.Contains("<b>Текст</b>", received.HtmlBody!);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(received.Attachments));
        Assert.Equal("заказ.txt", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal("order 42", Encoding.UTF8.GetString(content.ToArray()));
    }

    [MailFact]
    public async Task Raw_bytes_arrive_unchanged()
    {
        var (alice, bob) = (mail.NewUser(), mail.NewUser());
        var id = $"raw-{Guid.NewGuid():N}@tests.otklik.test";
        var raw = Encoding.UTF8.GetBytes(
            $"From: {alice.Address}\nTo: {bob.Address}\nSubject: raw\nMessage-ID: <{id}>\nX-Folded: first part\n second part\n" +
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" +
            "Line one\n.line starting with a dot\n..two dots\nПривет\n");

        await mail.SendRawAsync(alice.Address, bob.Address, raw);

        var received = Assert.Single(await mail.WaitForMessagesAsync(bob, 1, Wait));
        Assert.Equal(id, received.MessageId);
        var folded = received.Headers.Single(h => h.Field == "X-Folded");
        Assert.Equal(" first part\r\n second part\r\n", Encoding.ASCII.GetString(folded.RawValue)); // folding kept, LF became CRLF
        Assert.Equal("Line one\n.line starting with a dot\n..two dots\nПривет\n", received.TextBody!.ReplaceLineEndings("\n")); // dot-stuffing undone
    }

    [MailFact]
    public async Task Plus_address_is_delivered_to_the_base_mailbox()
    {
        var (alice, bob) = (mail.NewUser(), mail.NewUser(MailServers.OtklikDomain));
        await mail.SendAsync(NewMessage(alice, $"{bob.LocalPart}+ticket-17@{bob.Domain}"));

        var received = Assert.Single(await mail.WaitForMessagesAsync(bob, 1, Wait));
        Assert.Equal($"{bob.LocalPart}+ticket-17@{bob.Domain}", received.To.Mailboxes.Single().Address);
    }

    [MailFact]
    public async Task Mail_to_the_bounce_domain_returns_a_delivery_status_notification_to_the_sender()
    {
        var alice = mail.NewUser();
        var nobody = MailServers.NewAddress(MailServers.BounceDomain);
        var original = NewMessage(alice, nobody);

        await mail.SendAsync(original);

        var dsn = Assert.Single(await mail.WaitForMessagesAsync(alice, 1, Wait));
        var report = Assert.IsType<MultipartReport>(dsn.Body);
        Assert.Equal("delivery-status", report.ReportType);
        var status = Assert.Single(report.OfType<MessageDeliveryStatus>());
        var recipient = status.StatusGroups.Skip(1).Single();
        Assert.Equal($"rfc822; {nobody}", recipient["Final-Recipient"]);
        Assert.Equal("failed", recipient["Action"]);
        Assert.Equal("5.1.1", recipient["Status"]);
        Assert.StartsWith("smtp; 550 5.1.1", recipient["Diagnostic-Code"]);
        var returned = Assert.Single(report.OfType<MessagePart>());
        Assert.Equal(original.MessageId, returned.Message!.MessageId);
        Assert.Equal("auto-replied", dsn.Headers["Auto-Submitted"]);
    }

    [MailFact]
    public async Task Unknown_domains_are_refused_at_rcpt()
    {
        var alice = mail.NewUser();
        var error = await Assert.ThrowsAsync<SmtpCommandException>(() => mail.SendAsync(NewMessage(alice, "someone@elsewhere.example")));
        Assert.Equal(SmtpErrorCode.RecipientNotAccepted, error.ErrorCode);
    }

    [MailTheory]
    [InlineData(MailServers.ImapsPort, SecureSocketOptions.SslOnConnect)]
    [InlineData(MailServers.ImapPort, SecureSocketOptions.StartTls)]
    [InlineData(MailServers.ImapPort, SecureSocketOptions.None)]
    public async Task Imap_works_over_tls_starttls_and_plain(int port, SecureSocketOptions security)
    {
        var (alice, bob) = (mail.NewUser(), mail.NewUser());
        var message = NewMessage(alice, bob.Address);
        await mail.SendAsync(message);
        await mail.WaitForMessagesAsync(bob, 1, Wait);

        using var imap = await mail.ConnectImapAsync(bob, port, security);
        Assert.Equal(security != SecureSocketOptions.None, imap.IsSecure);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(message.MessageId, (await imap.Inbox.GetMessageAsync(0)).MessageId);
        Assert.NotNull(await imap.GetFolderAsync("Sent"));
        await imap.DisconnectAsync(true);
    }

    [MailTheory]
    [InlineData(MailServers.Pop3Port, SecureSocketOptions.None)]
    [InlineData(MailServers.Pop3Port, SecureSocketOptions.StartTls)]
    [InlineData(MailServers.Pop3sPort, SecureSocketOptions.SslOnConnect)]
    public async Task Pop3_sees_the_message(int port, SecureSocketOptions security)
    {
        var (alice, bob) = (mail.NewUser(), mail.NewUser());
        var message = NewMessage(alice, bob.Address);
        await mail.SendAsync(message);
        await mail.WaitForMessagesAsync(bob, 1, Wait);

        using var pop3 = await mail.ConnectPop3Async(bob, port, security);
        Assert.Equal(security != SecureSocketOptions.None, pop3.IsSecure);
        Assert.Equal(1, pop3.Count);
        Assert.Equal(message.MessageId, (await pop3.GetMessageAsync(0)).MessageId);
        await pop3.DisconnectAsync(true);
    }

    [MailFact]
    public async Task Wrong_password_is_refused()
    {
        var bob = mail.NewUser() with { Password = "not-the-password" };
        await Assert.ThrowsAsync<AuthenticationException>(() => mail.ConnectImapAsync(bob));
    }

    [MailTheory]
    [InlineData(MailServers.SubmissionPort, SecureSocketOptions.StartTls)]
    [InlineData(MailServers.SubmissionsPort, SecureSocketOptions.SslOnConnect)]
    public async Task Submission_needs_auth_and_then_delivers(int port, SecureSocketOptions security)
    {
        var (alice, bob) = (mail.NewUser(), mail.NewUser());
        var message = NewMessage(alice, bob.Address);

        using (var anonymous = new SmtpClient { ServerCertificateValidationCallback = (_, _, _, _) => true })
        {
            await anonymous.ConnectAsync(MailServers.Host, port, security);
            await Assert.ThrowsAsync<SmtpCommandException>(() => anonymous.SendAsync(message));
        }

        using var smtp = new SmtpClient { ServerCertificateValidationCallback = (_, _, _, _) => true };
        await smtp.ConnectAsync(MailServers.Host, port, security);
        Assert.True(smtp.IsSecure);
        await smtp.AuthenticateAsync(alice.Address, MailServers.Password);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);

        Assert.Equal(message.MessageId, Assert.Single(await mail.WaitForMessagesAsync(bob, 1, Wait)).MessageId);
    }

    [MailFact]
    public async Task Pipe_posts_the_raw_message_with_the_secret_and_a_503_is_retried()
    {
        using var otklik = new InboundReceiver();
        otklik.Answers.Enqueue(HttpStatusCode.ServiceUnavailable);
        var alice = mail.NewUser();
        var inbox = MailServers.NewAddress(MailServers.PipeDomain);
        var secret = "s3cret-" + Guid.NewGuid().ToString("N");
        mail.RoutePipe(inbox, otklik.Url + "api/v1/mail/inbound/42", secret);
        var message = NewMessage(alice, inbox, "Нужна помощь");

        await mail.SendAsync(message);

        var delivered = await otklik.WaitForAsync(r => r.Answered == HttpStatusCode.OK, Wait);
        var first = otklik.Received.First();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Answered);
        Assert.Equal(first.Body, delivered.Body);
        Assert.Equal("POST", delivered.Method);
        Assert.Equal("/api/v1/mail/inbound/42", delivered.Path);
        Assert.Equal(secret, delivered.Secret);
        Assert.Equal("message/rfc822", delivered.ContentType);
        var raw = MimeMessage.Load(new MemoryStream(delivered.Body));
        Assert.Equal(message.MessageId, raw.MessageId);
        Assert.Equal("Нужна помощь", raw.Subject);
        Assert.Equal(inbox, raw.Headers["Delivered-To"]);
        Assert.Equal($"<{alice.Address}>", raw.Headers["Return-Path"]);
        Assert.Equal("Hello from the mail server tests.", raw.TextBody!.Trim());

        await Task.Delay(TimeSpan.FromSeconds(3)); // Postfix must not deliver it again after the 200
        Assert.Single(otklik.Received, r => r.Answered == HttpStatusCode.OK);
    }

    [MailFact]
    public async Task Pipe_4xx_bounces_to_the_sender()
    {
        using var otklik = new InboundReceiver();
        otklik.Answers.Enqueue(HttpStatusCode.Forbidden);
        var alice = mail.NewUser();
        var inbox = MailServers.NewAddress(MailServers.PipeDomain);
        mail.RoutePipe(inbox, otklik.Url + "api/v1/mail/inbound/7", "wrong");
        var message = NewMessage(alice, inbox);

        await mail.SendAsync(message);

        var dsn = Assert.Single(await mail.WaitForMessagesAsync(alice, 1, Wait));
        var report = Assert.IsType<MultipartReport>(dsn.Body);
        var recipient = Assert.Single(report.OfType<MessageDeliveryStatus>()).StatusGroups.Skip(1).Single();
        Assert.Equal("failed", recipient["Action"]);
        Assert.Contains("HTTP 403", recipient["Diagnostic-Code"]);
        Assert.Equal(message.MessageId, Assert.Single(report.OfType<MessagePart>()).Message!.MessageId);
        Assert.Single(otklik.Received);
    }

    [MailFact]
    public async Task Pipe_without_a_route_bounces_as_unknown_user()
    {
        var alice = mail.NewUser();
        var message = NewMessage(alice, MailServers.NewAddress(MailServers.PipeDomain));

        await mail.SendAsync(message);

        var dsn = Assert.Single(await mail.WaitForMessagesAsync(alice, 1, Wait));
        var recipient = Assert.Single(Assert.IsType<MultipartReport>(dsn.Body).OfType<MessageDeliveryStatus>()).StatusGroups.Skip(1).Single();
        Assert.Equal("5.1.1", recipient["Status"]);
    }

    /// <summary>Stands in for Otklik's inbound endpoint: records each POST and answers from <see cref="Answers"/>, then 200.</summary>
    private sealed class InboundReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly CancellationTokenSource _stop = new();

        public sealed record Request(string Method, string Path, string? Secret, string? ContentType, byte[] Body, HttpStatusCode Answered);

        public InboundReceiver()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public string Url { get; }
        public ConcurrentQueue<HttpStatusCode> Answers { get; } = new();
        public ConcurrentQueue<Request> Received { get; } = new();

        public async Task<Request> WaitForAsync(Func<Request, bool> match, TimeSpan timeout)
        {
            var until = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < until)
            {
                if (Received.FirstOrDefault(match) is { } found) return found;
                await Task.Delay(50);
            }
            throw new TimeoutException($"No matching request; got: {string.Join(", ", Received.Select(r => (int)r.Answered))}. " +
                "Postfix log: /var/log/otklik-test/postfix.log");
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext ctx;
                try { ctx = await _listener.GetContextAsync(); }
                catch (Exception) when (_stop.IsCancellationRequested) { return; }
                using var body = new MemoryStream();
                await ctx.Request.InputStream.CopyToAsync(body);
                var answer = Answers.TryDequeue(out var next) ? next : HttpStatusCode.OK;
                Received.Enqueue(new Request(ctx.Request.HttpMethod, ctx.Request.Url!.AbsolutePath, ctx.Request.Headers["X-Otklik-Inbox-Secret"],
                    ctx.Request.ContentType, body.ToArray(), answer));
                ctx.Response.StatusCode = (int)answer;
                ctx.Response.Close();
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
        }
    }
}
