namespace Otklik.Bench;

/// <summary>
/// Deterministic, realistic helpdesk text in Russian and English. About 3% of subjects and
/// 5% of bodies mention "заказ" in some word form, so roughly 8% of tickets match it.
/// </summary>
public static class TextGen
{
    public const string CommonWord = "заказ";

    public static readonly string[] Subjects =
    [
        "Где мой заказ?", "Не приходит письмо для входа", "Ошибка при оплате картой", "Refund request",
        "Cannot log in to my account", "Вопрос по доставке", "Товар пришёл повреждённым", "Invoice is missing",
        "Смена адреса доставки", "Не работает промокод", "Password reset link expired", "Возврат денег",
        "Shipping delay", "Как изменить тариф?", "App crashes on start", "Двойное списание",
        "Подписка не продлилась", "Wrong item received", "Не могу скачать чек", "Feature request: dark mode",
        "Проблема с приложением", "Change my email address", "Курьер не приехал", "Account locked",
        "Помогите с настройкой", "Discount not applied", "Жалоба на оператора", "Order cancellation",
        "Как связаться с менеджером", "Billing question",
    ];

    public static readonly string[] Sentences =
    [
        "Здравствуйте, у меня возникла проблема.", "Hello, I need some help with my account.",
        "Оплатил вчера, но статус не изменился.", "The payment went through twice.",
        "Пожалуйста, проверьте как можно скорее.", "I have attached a screenshot of the error.",
        "Курьер обещал приехать до обеда, но так и не появился.", "My colleague has the same issue.",
        "Приложение закрывается сразу после запуска.", "Could you please refund the difference?",
        "Спасибо за быстрый ответ в прошлый раз.", "The tracking number does not work.",
        "Не могу найти кнопку для смены пароля.", "I tried clearing the cache, it did not help.",
        "Письмо с подтверждением не пришло даже в спам.", "Please call me back at your convenience.",
        "Хочу вернуть товар, он не подошёл по размеру.", "This is the third time I am writing to you.",
        "Промокод из рассылки выдаёт ошибку.", "The invoice shows the wrong company name.",
        "Подскажите, сколько ждать возврата денег.", "I would like to upgrade to the annual plan.",
        "Оператор в чате не ответил на вопрос.", "Our team cannot access the shared workspace.",
        "Прошу перезвонить мне после шести вечера.", "The delivery address needs to be changed.",
        "Коробка была помята, внутри трещина.", "I was charged after cancelling my subscription.",
        "Нужен закрывающий документ для бухгалтерии.", "The discount code expired yesterday.",
        "Когда появится новая версия приложения?", "Can you extend my trial by a week?",
        "Я не получил уведомление об отправке.", "The mobile app shows an empty screen.",
        "Вчера оформил заказ, но подтверждения нет.", "Уточните, пожалуйста, сроки доставки.",
        "Please close my account and delete my data.", "Сайт очень медленно грузится вечером.",
        "I cannot change the language of the interface.", "Заранее благодарю за помощь.",
    ];

    public static readonly string[] FirstNames = ["Анна", "Иван", "Мария", "Olga", "John", "Сергей", "Елена", "Peter", "Дмитрий", "Kate", "Алексей", "Наталья"];
    public static readonly string[] LastNames = ["Иванова", "Петров", "Смирнова", "Brown", "Smith", "Кузнецов", "Попова", "Miller", "Соколов", "Lee", "Волков", "Новикова"];

    /// <summary>A cheap, stable hash so the same i always gives the same text.</summary>
    public static int Pick(long i, int salt, int n) => (int)((ulong)((i + 1) * 2654435761L + salt * 40503L) % 4294967291UL % (ulong)n);

    public static string Subject(long i) => Subjects[Pick(i, 1, Subjects.Length)];

    public static string Body(long i) => Sentences[Pick(i, 2, Sentences.Length)] + " " + Sentences[Pick(i, 3, Sentences.Length)];

    public static string Name(long c) => FirstNames[Pick(c, 4, FirstNames.Length)] + " " + LastNames[Pick(c, 5, LastNames.Length)];

    public static string Email(long c, string prefix = "customer") => $"{prefix}{c}@{(c % 3 == 0 ? "example.com" : "mail.ru")}";
}
