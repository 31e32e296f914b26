using Otklik.Domain;

namespace Otklik.Jobs;

/// <summary>Conversations for the demo, written for Otklik: typical shop and SaaS support cases.</summary>
internal static class DemoScripts
{
    public sealed record Script(string Subject, string Question, string Answer, string Note);

    public static readonly string[] Teams = ["Первая линия", "Биллинг", "Техподдержка"];

    public static readonly string[] Tags = ["доставка", "возврат", "оплата", "жалоба", "vip", "bug", "вход", "тариф"];

    public static readonly (string Email, string Name, AgentRole Role, string Lang)[] Agents =
    [
        ("anna@otklik.local", "Анна Смирнова", AgentRole.Supervisor, "ru"),
        ("dmitry@otklik.local", "Дмитрий Орлов", AgentRole.Agent, "ru"),
        ("olga@otklik.local", "Ольга Ким", AgentRole.Agent, "ru"),
        ("john@otklik.local", "John Carter", AgentRole.Agent, "en"),
        ("maria@otklik.local", "Мария Лебедева", AgentRole.Agent, "ru"),
    ];

    public static readonly Script[] Russian =
    [
        new("Где мой заказ?", "Здравствуйте! Заказ оформил неделю назад, статус не меняется. Подскажите, когда доставят?",
            "Добрый день! Я проверила: заказ передан в службу доставки вчера, курьер привезёт его в четверг с 10 до 14. Накануне придёт SMS.",
            "Склад задержал отгрузку на 3 дня, клиенту предложить промокод."),
        new("Не могу войти в личный кабинет", "Пишет «неверный пароль», хотя я его не менял. Восстановление не приходит на почту.",
            "Я помогу: отправил ссылку для входа повторно, она действует 30 минут. Если письмо не придёт за 5 минут, проверьте папку «Спам».",
            "Почтовый сервер клиента режет наши письма, завела задачу в техподдержку."),
        new("Списали деньги дважды", "Оплатил подписку, а с карты списали два раза по 990 рублей. Верните, пожалуйста, лишнее.",
            "Вы правы, это наша ошибка — платёжный шлюз провёл оплату дважды. Второе списание я уже вернул, деньги придут за 1–3 рабочих дня.",
            "Повторная ошибка шлюза: третья за неделю, передать в биллинг как «боль»."),
        new("Возврат товара", "Купила куртку, не подошёл размер. Как вернуть и сколько ждать деньги?",
            "Оформила возврат: курьер заберёт куртку завтра. Деньги вернутся на карту в течение 3 дней после того, как мы её получим.",
            "Клиент VIP, курьер бесплатно."),
        new("Приложение вылетает при оплате", "На Android при нажатии «Оплатить» приложение закрывается. Версия 5.2.1.",
            "Спасибо, что сообщили версию — это помогло. Ошибку воспроизвели, исправление выйдет в пятницу. Пока оплата работает на сайте.",
            "Баг MOB-1423, связан с новым SDK платежей."),
        new("Смена тарифа", "Хотим перейти с тарифа «Старт» на «Бизнес» с середины месяца. Как будет пересчитана стоимость?",
            "Переход возможен в любой день: за остаток месяца мы пересчитаем разницу пропорционально дням. Переключить тариф сейчас?",
            "Уточнить скидку для годовой оплаты."),
        new("Курьер не приехал", "Ждала курьера весь день, никто не приехал и не позвонил. Очень неприятно.",
            "Приношу извинения: курьер не предупредил вас, это недопустимо. Доставку перенесли на завтра на удобное вам время, а стоимость доставки мы вернём.",
            "Жалоба на службу доставки, в дайджест."),
    ];

    public static readonly Script[] English =
    [
        new("Refund for a cancelled order", "Hi, I cancelled my order #58213 five days ago but have not received the refund yet.",
            "Hello! The refund was issued on Monday; banks usually take 3–5 working days. I'll check again on Friday and write to you either way.",
            "Refund delayed by the payment provider."),
        new("Cannot reset my password", "The password reset email never arrives. I tried three times.",
            "Thanks for trying that already. I've sent a sign-in link directly; it works for 30 minutes. If it doesn't arrive, I'll call you.",
            "Customer's domain bounces our mail, escalated."),
        new("Invoice needs our VAT number", "Could you reissue last month's invoice with our company VAT number?",
            "Of course — the corrected invoice is attached to your account now, and future invoices will include the VAT number automatically.",
            "Billing profile updated."),
        new("Delivery to a different address", "Can I change the delivery address for my order? I'll be at the office tomorrow.",
            "Done: the courier will deliver to your office address tomorrow between 12:00 and 16:00.",
            "Address change confirmed with courier."),
        new("App crashes on login", "Since the update the iOS app crashes right after I enter my password.",
            "Sorry about that. We found the cause and a fix is in review; meanwhile, the web version works normally.",
            "Linked to the iOS 5.2 crash report."),
    ];
}
