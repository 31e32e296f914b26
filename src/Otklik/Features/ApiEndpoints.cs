using Otklik.Features.Admin;
using Otklik.Features.Auth;
using Otklik.Features.Customers;
using Otklik.Features.Email;
using Otklik.Features.Search;
using Otklik.Features.Tickets;
using Otklik.Features.Views;
using Otklik.Infrastructure;
using Otklik.Infrastructure.Auth;

namespace Otklik.Features;

public static class ApiEndpoints
{
    public static IServiceCollection AddOtklikHandlers(this IServiceCollection services) => services
        .AddScoped<CreateTicket.Handler>().AddScoped<ListTickets.Handler>().AddScoped<UpdateTicket.Handler>()
        .AddScoped<AddMessage.Handler>().AddScoped<MergeTickets.Handler>().AddScoped<LinkTickets.Handler>()
        .AddScoped<UpdateCustomer.Handler>().AddScoped<MergeCustomers.Handler>().AddScoped<CustomerMerger>().AddScoped<SearchEverything.Handler>()
        .AddScoped<Chat.ChatDesk>().AddSingleton<Chat.ChatSeats>()
        .AddScoped<Chat.ChatRouting>().AddSingleton<Chat.ChatRouter>().AddHostedService(sp => sp.GetRequiredService<Chat.ChatRouter>())
        .AddScoped<Events.IDomainEventListener, Chat.RoutingTrigger>()
        .AddScoped<MailboxAdmin.Handler>().AddScoped<MailboxSettings>().AddScoped<MailboxTester>().AddScoped<QuarantineConversion>();

    private static IResult NoSuchRoute() =>
        TypedResults.Problem("There is no such API route.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>/api/v1: anonymous only where it must be (issuing a token), agents everywhere else, admins for administration.</summary>
    public static void MapOtklikApi(this IEndpointRouteBuilder app)
    {
        var root = app.MapGroup("/api/v1").WithTags("v1").RequireRateLimiting(RateLimits.Api);
        Tokens.MapAnonymous(root);
        Channels.Email.InboundPipe.Map(root);
        WebForms.WebFormApi.Map(root);

        var api = root.MapGroup("").RequireAuthorization(Policies.Agent);
        Tokens.Map(api.MapGroup("").WithTags("Auth"));
        var tickets = api.MapGroup("").WithTags("Tickets");
        CreateTicket.Map(tickets);
        ListTickets.Map(tickets);
        GetTicket.Map(tickets);
        UpdateTicket.Map(tickets);
        AddMessage.Map(tickets);
        GetReplyRoute.Map(tickets);
        MergeTickets.Map(tickets);
        LinkTickets.Map(tickets);
        Participants.Map(tickets);
        Attachments.Map(tickets);
        MessageSource.Map(tickets);
        UploadLinks.Map(tickets);
        Callbacks.CallbackTask.Map(tickets);
        Callbacks.LogCallAttempt.Map(tickets);
        Callbacks.CallbacksDue.Map(tickets);
        Chat.ChatDeskEndpoints.Map(api.MapGroup("").WithTags("Chat"));
        TicketViews.Map(api.MapGroup("").WithTags("Views"));
        var canned = api.MapGroup("").WithTags("Canned replies");
        CannedReplies.CannedReplyEndpoints.Map(canned);
        CannedReplies.RenderCannedReply.Map(canned);
        var customers = api.MapGroup("").WithTags("Customers");
        CustomerEndpoints.Map(customers);
        MergeCustomers.Map(customers);
        DuplicateCustomers.Map(customers);
        CustomerHistory.Map(customers);
        OrganisationEndpoints.Map(customers);
        SearchEverything.Map(api.MapGroup("").WithTags("Search"));
        var admin = api.MapGroup("").WithTags("Administration");
        AgentAdmin.Map(admin);
        TeamAdmin.Map(admin);
        TagAdmin.Map(admin);
        CustomFieldAdmin.Map(admin);
        InboxAdmin.Map(admin);
        WebhookAdmin.Map(admin);
        OutboxAdmin.Map(admin);
        MailboxAdmin.Map(admin);
        InboundEmailAdmin.Map(admin);
        Chat.ChatWidgetAdmin.Map(admin);
        WebForms.WebFormSettings.Map(admin);

        // Anything else under /api is a 404 ProblemDetails, not the workspace's HTML page.
        root.MapFallback(NoSuchRoute).AllowAnonymous();
        // Other versions and paths under /api too, for every method (else a GET-only page route answers 405).
        app.MapFallback("/api/{**path}", NoSuchRoute).AllowAnonymous();
    }
}
