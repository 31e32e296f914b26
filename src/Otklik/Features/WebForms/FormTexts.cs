namespace Otklik.Features.WebForms;

/// <summary>The words of the customer-facing form and callback pages, Russian and English.</summary>
public static class FormTexts
{
    private static readonly Dictionary<string, (string En, string Ru)> Texts = new()
    {
        ["ContactUs"] = ("Contact us", "Напишите нам"),
        ["Name"] = ("Your name", "Ваше имя"),
        ["Email"] = ("Email", "Электронная почта"),
        ["Phone"] = ("Phone", "Телефон"),
        ["Subject"] = ("Subject", "Тема"),
        ["Message"] = ("Message", "Сообщение"),
        ["Files"] = ("Files", "Файлы"),
        ["FilesHint"] = ("Up to {0} files, each at most {1}.", "До {0} файлов, каждый не больше {1}."),
        ["Optional"] = ("optional", "необязательно"),
        ["Send"] = ("Send", "Отправить"),
        ["Honeypot"] = ("Leave this field empty", "Оставьте это поле пустым"),
        ["FixBelow"] = ("Please check the highlighted fields.", "Проверьте отмеченные поля."),
        ["ThankYou"] = ("Thank you! We have your request", "Спасибо! Ваше обращение у нас"),
        ["TicketNumber"] = ("Your ticket number", "Номер обращения"),
        ["Expect"] = ("You can expect our answer {0}.", "Ответим {0}."),
        ["EmailCopy"] = ("We have also sent this to {0}; reply to that email to add anything.", "Мы отправили подтверждение на {0}: чтобы что-то добавить, просто ответьте на это письмо."),
        ["KeepNumber"] = ("Please keep the number: with it anyone on our team finds your request at once.", "Сохраните номер: по нему любой наш сотрудник сразу найдёт ваше обращение."),
        ["SendAnother"] = ("Send another request", "Отправить ещё одно обращение"),
        ["NotFound"] = ("This form is not available", "Эта форма недоступна"),
        ["NotFoundText"] = ("The link may be old, or the form was switched off. Please contact us another way.", "Возможно, ссылка устарела или форма отключена. Пожалуйста, свяжитесь с нами другим способом."),
        ["Required"] = ("Please fill in \"{0}\".", "Заполните поле «{0}»."),
        ["TooLong"] = ("\"{0}\" is {1} characters long; the limit is {2}.", "В поле «{0}» {1} знаков, а можно не больше {2}."),
        ["BadEmail"] = ("\"{0}\" does not look like an email address (name@example.com).", "«{0}» не похоже на адрес почты (name@example.ru)."),
        ["BadPhone"] = ("\"{0}\" is not a phone number we can call; write it like +7 916 123-45-67.", "«{0}» — не номер, по которому можно позвонить; запишите его так: +7 916 123-45-67."),
        ["EmailOrPhone"] = ("Please give an email or a phone, so we can answer you.", "Укажите почту или телефон, чтобы мы могли вам ответить."),
        ["NoFiles"] = ("This form does not take files.", "Эта форма не принимает файлы."),
        ["TooManyFiles"] = ("At most {0} files, please.", "Не больше {0} файлов."),
        ["FileTooLarge"] = ("\"{0}\" is {1}; files up to {2} are accepted. Please send a smaller file or a link to it.", "Файл «{0}» — {1}, а принимаем файлы до {2}. Пришлите файл поменьше или ссылку на него."),
        ["FilesAgain"] = ("Files are not kept when the form is shown again: please choose them once more.", "Файлы при повторном показе формы не сохраняются: выберите их ещё раз."),
        ["TooFast"] = ("That was very quick. Please check your message and press the button again.", "Это было очень быстро. Проверьте сообщение и нажмите кнопку ещё раз."),
        ["Expired"] = ("The page was open for a long time. Please press the button again.", "Страница была открыта слишком долго. Нажмите кнопку ещё раз."),
        ["NoToken"] = ("Please open the form again and send it from there.", "Откройте форму заново и отправьте её оттуда."),
        ["NotANumber"] = ("\"{0}\" takes a number.", "В поле «{0}» нужно число."),
        ["NotADate"] = ("\"{0}\" takes a date.", "В поле «{0}» нужна дата."),
        ["NotAnOption"] = ("Please choose one of the options in \"{0}\".", "Выберите один из вариантов в поле «{0}»."),
        ["UnknownField"] = ("This form has no field \"{0}\".", "В этой форме нет поля «{0}»."),
        // The callback request
        ["CallMeBack"] = ("Call me back", "Перезвоните мне"),
        ["CallbackIntro"] = ("Leave your number and a convenient time, and we will call you.", "Оставьте номер и удобное время — мы позвоним."),
        ["Date"] = ("Day", "День"),
        ["From"] = ("From", "С"),
        ["To"] = ("To", "До"),
        ["TimeZone"] = ("Time zone", "Часовой пояс"),
        ["Comment"] = ("What is it about?", "По какому вопросу?"),
        ["RequestCall"] = ("Request a call", "Жду звонка"),
        ["CallbackDone"] = ("Thank you! We will call you", "Спасибо! Мы вам позвоним"),
        ["CallbackAsk"] = ("Please call me back at {0}: {1} ({2}).", "Перезвоните мне на номер {0}: {1} ({2})."),
        ["CallbackWhen"] = ("We will call {0} on {1} ({2}).", "Позвоним на номер {0}: {1} ({2})."),
        ["CallbackLate"] = ("Honestly: right now we usually manage calls {0}. If we cannot make it in your window, we will call as soon as we can after it.", "Честно предупреждаем: сейчас мы обычно перезваниваем {0}. Если не успеем в выбранное время, позвоним сразу после."),
        ["BadDate"] = ("Please choose the day.", "Выберите день."),
        ["BadTime"] = ("Please give the time as hours and minutes, e.g. 14:30.", "Укажите время в часах и минутах, например 14:30."),
        ["UnknownZone"] = ("We do not know the time zone \"{0}\".", "Нам неизвестен часовой пояс «{0}»."),
        ["EndBeforeStart"] = ("The end of the window must be after its start.", "Конец промежутка должен быть позже начала."),
        ["TooShort"] = ("Please give us at least 15 minutes.", "Оставьте нам хотя бы 15 минут."),
        ["Past"] = ("This time has already passed.", "Это время уже прошло."),
        ["TooFarAhead"] = ("We take requests for the next 30 days.", "Мы принимаем заявки на ближайшие 30 дней."),
    };

    public static string T(bool russian, string key, params object[] args)
    {
        var (en, ru) = Texts[key];
        var text = russian ? ru : en;
        return args.Length == 0 ? text : string.Format(System.Globalization.CultureInfo.InvariantCulture, text, args);
    }

    /// <summary>"4.9 KB", "12 MB" / "4,9 КБ", "12 МБ".</summary>
    public static string Size(long bytes, bool russian)
    {
        var culture = System.Globalization.CultureInfo.GetCultureInfo(russian ? "ru" : "en");
        var (value, unit) = bytes < 1024 * 1024 ? (bytes / 1024d, russian ? "КБ" : "KB") : (bytes / 1024d / 1024d, russian ? "МБ" : "MB");
        return value.ToString("0.#", culture) + " " + unit;
    }

    /// <summary>In the language the request runs in (the API: Accept-Language; the pages: their own choice).</summary>
    public static string Say(string key, params object[] args) =>
        T(Otklik.Infrastructure.ReaderLanguage.IsRussian, key, args);
}
