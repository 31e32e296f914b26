using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Otklik.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChatChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chat_visitors",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    public_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    inbox_id = table.Column<long>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<long>(type: "INTEGER", nullable: false),
                    ticket_id = table.Column<long>(type: "INTEGER", nullable: true),
                    page_url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    referrer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    user_agent = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    agent_read_up_to = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_seen_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chat_visitors", x => x.id);
                    table.ForeignKey(
                        name: "fk_chat_visitors_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_chat_visitors_inboxes_inbox_id",
                        column: x => x.inbox_id,
                        principalTable: "inboxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_chat_visitors_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "chat_widgets",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    inbox_id = table.Column<long>(type: "INTEGER", nullable: false),
                    public_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    allowed_origins = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ask_name = table.Column<int>(type: "INTEGER", nullable: false),
                    ask_email = table.Column<int>(type: "INTEGER", nullable: false),
                    ask_phone = table.Column<int>(type: "INTEGER", nullable: false),
                    online_reply_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    offline_reply_hours = table.Column<int>(type: "INTEGER", nullable: false),
                    email_inbox_id = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chat_widgets", x => x.id);
                    table.ForeignKey(
                        name: "fk_chat_widgets_inboxes_email_inbox_id",
                        column: x => x.email_inbox_id,
                        principalTable: "inboxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_chat_widgets_inboxes_inbox_id",
                        column: x => x.inbox_id,
                        principalTable: "inboxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "chat_message_refs",
                columns: table => new
                {
                    visitor_id = table.Column<long>(type: "INTEGER", nullable: false),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    message_id = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chat_message_refs", x => new { x.visitor_id, x.client_id });
                    table.ForeignKey(
                        name: "fk_chat_message_refs_chat_visitors_visitor_id",
                        column: x => x.visitor_id,
                        principalTable: "chat_visitors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_chat_message_refs_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_chat_message_refs_message_id",
                table: "chat_message_refs",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_chat_visitors_customer_id_created_at",
                table: "chat_visitors",
                columns: new[] { "customer_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_chat_visitors_inbox_id",
                table: "chat_visitors",
                column: "inbox_id");

            migrationBuilder.CreateIndex(
                name: "ix_chat_visitors_public_id",
                table: "chat_visitors",
                column: "public_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_chat_visitors_ticket_id",
                table: "chat_visitors",
                column: "ticket_id");

            migrationBuilder.CreateIndex(
                name: "ix_chat_widgets_email_inbox_id",
                table: "chat_widgets",
                column: "email_inbox_id");

            migrationBuilder.CreateIndex(
                name: "ix_chat_widgets_inbox_id",
                table: "chat_widgets",
                column: "inbox_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_chat_widgets_public_key",
                table: "chat_widgets",
                column: "public_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chat_message_refs");

            migrationBuilder.DropTable(
                name: "chat_widgets");

            migrationBuilder.DropTable(
                name: "chat_visitors");
        }
    }
}
