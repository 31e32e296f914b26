using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Otklik.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmailChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "content_id",
                table: "attachments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_inline",
                table: "attachments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "inbound_emails",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    inbox_id = table.Column<long>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    source_uid = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    message_id_header = table.Column<string>(type: "TEXT", maxLength: 998, nullable: true),
                    dedup_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    raw_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    from_address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: true),
                    ticket_id = table.Column<long>(type: "INTEGER", nullable: true),
                    message_id = table.Column<long>(type: "INTEGER", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    processed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbound_emails", x => x.id);
                    table.ForeignKey(
                        name: "fk_inbound_emails_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_inbound_emails_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "mailboxes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    inbox_id = table.Column<long>(type: "INTEGER", nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    sender_name = table.Column<string>(type: "TEXT", nullable: true),
                    protocol = table.Column<int>(type: "INTEGER", nullable: false),
                    in_host = table.Column<string>(type: "TEXT", nullable: true),
                    in_port = table.Column<int>(type: "INTEGER", nullable: false),
                    in_security = table.Column<int>(type: "INTEGER", nullable: false),
                    in_user = table.Column<string>(type: "TEXT", nullable: true),
                    in_password_protected = table.Column<string>(type: "TEXT", nullable: true),
                    folder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    use_idle = table.Column<bool>(type: "INTEGER", nullable: false),
                    poll_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    smtp_host = table.Column<string>(type: "TEXT", nullable: true),
                    smtp_port = table.Column<int>(type: "INTEGER", nullable: false),
                    smtp_security = table.Column<int>(type: "INTEGER", nullable: false),
                    smtp_user = table.Column<string>(type: "TEXT", nullable: true),
                    smtp_password_protected = table.Column<string>(type: "TEXT", nullable: true),
                    sent_folder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    accept_invalid_certificates = table.Column<bool>(type: "INTEGER", nullable: false),
                    max_attachment_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    auto_acknowledge = table.Column<bool>(type: "INTEGER", nullable: false),
                    promised_response_hours = table.Column<int>(type: "INTEGER", nullable: false),
                    acknowledge_template = table.Column<string>(type: "TEXT", nullable: true),
                    pipe_secret_protected = table.Column<string>(type: "TEXT", nullable: false),
                    uid_validity = table.Column<long>(type: "INTEGER", nullable: false),
                    last_uid = table.Column<long>(type: "INTEGER", nullable: false),
                    last_fetch_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    waiting = table.Column<int>(type: "INTEGER", nullable: false),
                    leased_by = table.Column<string>(type: "TEXT", nullable: true),
                    leased_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mailboxes", x => x.id);
                    table.ForeignKey(
                        name: "fk_mailboxes_inboxes_inbox_id",
                        column: x => x.inbox_id,
                        principalTable: "inboxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_emails",
                columns: table => new
                {
                    message_id = table.Column<long>(type: "INTEGER", nullable: false),
                    from = table.Column<string>(type: "TEXT", nullable: true),
                    to = table.Column<string>(type: "TEXT", nullable: true),
                    cc = table.Column<string>(type: "TEXT", nullable: true),
                    in_reply_to = table.Column<string>(type: "TEXT", nullable: true),
                    references = table.Column<string>(type: "TEXT", nullable: true),
                    spf = table.Column<string>(type: "TEXT", nullable: true),
                    dkim = table.Column<string>(type: "TEXT", nullable: true),
                    dmarc = table.Column<string>(type: "TEXT", nullable: true),
                    warning = table.Column<string>(type: "TEXT", nullable: true),
                    delivery_error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_emails", x => x.message_id);
                    table.ForeignKey(
                        name: "fk_message_emails_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "upload_links",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ticket_id = table.Column<long>(type: "INTEGER", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", nullable: false),
                    created_by_agent_id = table.Column<long>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    used_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_upload_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_upload_links_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_emails_inbox_id_dedup_key",
                table: "inbound_emails",
                columns: new[] { "inbox_id", "dedup_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inbound_emails_inbox_id_from_address_received_at",
                table: "inbound_emails",
                columns: new[] { "inbox_id", "from_address", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_emails_inbox_id_source_uid",
                table: "inbound_emails",
                columns: new[] { "inbox_id", "source_uid" });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_emails_message_id",
                table: "inbound_emails",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_inbound_emails_status_received_at",
                table: "inbound_emails",
                columns: new[] { "status", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_emails_ticket_id",
                table: "inbound_emails",
                column: "ticket_id");

            migrationBuilder.CreateIndex(
                name: "ix_mailboxes_inbox_id",
                table: "mailboxes",
                column: "inbox_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_upload_links_ticket_id",
                table: "upload_links",
                column: "ticket_id");

            migrationBuilder.CreateIndex(
                name: "ix_upload_links_token_hash",
                table: "upload_links",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbound_emails");

            migrationBuilder.DropTable(
                name: "mailboxes");

            migrationBuilder.DropTable(
                name: "message_emails");

            migrationBuilder.DropTable(
                name: "upload_links");

            migrationBuilder.DropColumn(
                name: "content_id",
                table: "attachments");

            migrationBuilder.DropColumn(
                name: "is_inline",
                table: "attachments");
        }
    }
}
