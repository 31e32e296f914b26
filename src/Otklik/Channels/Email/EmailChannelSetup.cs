using Otklik.Events;
using Otklik.Jobs;

namespace Otklik.Channels.Email;

public static class EmailChannelSetup
{
    public static IServiceCollection AddEmailChannel(this IServiceCollection services)
    {
        services.AddSingleton<MailConnections>();
        services.AddSingleton<MailboxState>();
        services.AddSingleton<InboundDelivery>();
        services.AddSingleton<InboundQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<InboundQueue>());
        services.AddSingleton<ImapFetcher>();
        services.AddSingleton<Pop3Fetcher>();
        services.AddSingleton<MailboxPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<MailboxPoller>());
        services.AddScoped<EmailIngestion>();
        services.AddScoped<InboundMail>();
        services.AddSingleton<AgentNames>();
        services.AddScoped<ResponseTimePromise>();
        services.AddScoped<EmailSender>();
        services.AddScoped<IOutboxHandler>(sp => sp.GetRequiredService<EmailSender>());
        services.AddScoped<IOutboxHandler, Notices>();
        services.AddScoped<IBeforeCommitListener, EmailOutbox>();
        return services;
    }
}
