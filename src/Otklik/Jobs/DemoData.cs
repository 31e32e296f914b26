using Bogus;
using Microsoft.EntityFrameworkCore;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Features.Auth;

namespace Otklik.Jobs;

/// <summary>
/// A believable helpdesk to click around in: teams, agents, a few hundred customers and
/// tickets in Russian and English over several channels and every status. Runs only
/// on an empty deployment (no tickets yet), so restarting with --demo adds nothing twice.
/// </summary>
public sealed class DemoData(OtklikDb db, TimeProvider clock, ILogger<DemoData> log)
{
    public const string AgentPassword = "demo-password-1";

    public async Task FillAsync(CancellationToken ct, int customers = 300, int tickets = 400)
    {
        if (await db.Tickets.AnyAsync(ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        Randomizer.Seed = new Random(20261123);
        var f = new Faker("ru");
        var fEn = new Faker("en");

        var teams = DemoScripts.Teams.Select(t => new Team { Name = t, CreatedAt = now }).ToList();
        db.Teams.AddRange(teams);
        var agents = DemoScripts.Agents.Select((a, i) =>
        {
            var agent = new Agent { Email = a.Email, Name = a.Name, Role = a.Role, Language = a.Lang, CreatedAt = now, Teams = [new TeamMember { Team = teams[i % teams.Count] }] };
            Passwords.Set(agent, AgentPassword);
            return agent;
        }).ToList();
        db.Agents.AddRange(agents);
        var inboxes = new[]
        {
            new Inbox { Name = "support@shop.example", Channel = ChannelKind.Email, Address = "support@shop.example", CreatedAt = now },
            new Inbox { Name = "Чат на сайте", Channel = ChannelKind.Chat, CreatedAt = now },
            new Inbox { Name = "Обратный звонок", Channel = ChannelKind.Phone, CreatedAt = now },
            new Inbox { Name = "Telegram", Channel = ChannelKind.Telegram, CreatedAt = now },
        };
        db.Inboxes.AddRange(inboxes);
        db.Tags.AddRange(DemoScripts.Tags.Select(t => new Tag { Name = t, CreatedAt = now }));
        db.CustomFields.AddRange(
            new CustomFieldDefinition { Key = "order_number", Label = "Номер заказа", Type = CustomFieldType.Text, CreatedAt = now, Position = 1 },
            new CustomFieldDefinition { Key = "plan", Label = "Тариф", Type = CustomFieldType.Dropdown, Options = "[\"Старт\",\"Бизнес\",\"Корпоративный\"]", CreatedAt = now, Position = 2 });
        await db.SaveChangesAsync(ct);

        var people = Enumerable.Range(0, customers).Select(i =>
        {
            var english = i % 3 == 0;
            var fk = english ? fEn : f;
            var name = fk.Name.FullName();
            var email = $"{Translit(fk.Name.FirstName())}.{Translit(fk.Name.LastName())}{i}@{fk.PickRandom("mail.ru", "yandex.ru", "gmail.com", "example.com")}".ToLowerInvariant();
            var c = new Customer
            {
                Name = name, Language = english ? "en" : "ru", TimeZone = english ? "Europe/London" : "Europe/Moscow", IsVip = i % 17 == 0,
                CreatedAt = now.AddDays(-fk.Random.Int(30, 700)),
                Identities = [new CustomerIdentity { Kind = IdentityKind.Email, Value = email, CreatedAt = now }],
            };
            if (i % 4 == 0) c.Identities.Add(new CustomerIdentity { Kind = IdentityKind.Phone, Value = "+79" + fk.Random.ReplaceNumbers("#########"), CreatedAt = now });
            c.Touch(c.CreatedAt);
            return c;
        }).ToList();
        db.Customers.AddRange(people);
        await db.SaveChangesAsync(ct);

        var statuses = new[] { TicketStatus.New, TicketStatus.Open, TicketStatus.Open, TicketStatus.Pending, TicketStatus.OnHold, TicketStatus.Solved, TicketStatus.Solved, TicketStatus.Closed };
        for (var i = 0; i < tickets; i++)
        {
            var customer = people[f.Random.Int(0, people.Count - 1)];
            var script = customer.Language == "en" ? f.PickRandom(DemoScripts.English) : f.PickRandom(DemoScripts.Russian);
            var at = now.AddMinutes(-f.Random.Int(5, 60 * 24 * 30));
            var inbox = f.PickRandom(inboxes);
            var ticket = Ticket.Open(script.Subject, customer, inbox.Channel, inbox.Id, Actor.OfCustomer(customer.Id), at);
            ticket.AddMessage(MessageKind.Inbound, Actor.OfCustomer(customer.Id), script.Question, null, at).AuthorCustomer = customer;
            var status = statuses[i % statuses.Length];
            var agent = status == TicketStatus.New ? null : f.PickRandom(agents);
            ticket.MoveToTeam(teams[i % teams.Count], Actor.System, at);
            ticket.ChangePriority(f.PickRandom(Enum.GetValues<TicketPriority>()), Actor.System, at);
            ticket.SetTags(f.PickRandom(DemoScripts.Tags, f.Random.Int(0, 2)), Actor.System, at);
            if (agent is not null)
            {
                var replyAt = at.AddMinutes(f.Random.Int(2, 240));
                ticket.Assign(agent, Actor.OfAgent(agent.Id), replyAt);
                var reply = ticket.AddMessage(MessageKind.Outbound, Actor.OfAgent(agent.Id), script.Answer, null, replyAt);
                reply.AuthorAgent = agent;
                if (i % 5 == 0) ticket.AddMessage(MessageKind.Note, Actor.OfAgent(agent.Id), script.Note, null, replyAt.AddMinutes(1)).AuthorAgent = agent;
                if (status != TicketStatus.Open) ticket.ChangeStatus(status, Actor.OfAgent(agent.Id), replyAt.AddMinutes(3));
            }
            db.Tickets.Add(ticket);
            if (i % 100 == 99) await db.SaveChangesAsync(ct);
        }
        await db.SaveChangesAsync(ct);
        log.LogInformation("Demo data: {Customers} customers, {Tickets} tickets, {Agents} agents (password {Password})",
            customers, tickets, agents.Count, AgentPassword);
    }

    private static string Translit(string s)
    {
        const string ru = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
        string[] lat = ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "h", "ts", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya"];
        return string.Concat(s.ToLowerInvariant().Select(c => ru.IndexOf(c) is var i and >= 0 ? lat[i] : char.IsLetter(c) ? c.ToString() : ""));
    }
}
