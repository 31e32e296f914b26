namespace Otklik.Domain;

public enum TicketStatus { New, Open, Pending, OnHold, Solved, Closed }

public enum TicketPriority { Low, Normal, High, Urgent }

public enum MessageKind { Inbound, Outbound, Note }

public enum AuthorKind { Customer, Agent, System }

public enum AgentRole { Agent, Supervisor, Admin }

public enum IdentityKind { Email, Phone, External, ChatVisitor }

public enum ChannelKind { Email, Chat, WebForm, Api, Phone, Sms, Telegram, Web }

public enum CustomFieldType { Text, Number, Date, Checkbox, Dropdown }

public enum DeliveryStatus { None, Pending, Sent, Delivered, Failed }
