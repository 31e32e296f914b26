using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Otklik.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WebFormsAndCallbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "callback_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ticket_id = table.Column<long>(type: "INTEGER", nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    window_start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    window_end = table.Column<DateTime>(type: "TEXT", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    last_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_outcome = table.Column<int>(type: "INTEGER", nullable: true),
                    reached_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_callback_requests_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "web_forms",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    inbox_id = table.Column<long>(type: "INTEGER", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    is_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    callback_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    name_field = table.Column<int>(type: "INTEGER", nullable: false),
                    email_field = table.Column<int>(type: "INTEGER", nullable: false),
                    phone_field = table.Column<int>(type: "INTEGER", nullable: false),
                    subject_field = table.Column<int>(type: "INTEGER", nullable: false),
                    allow_files = table.Column<bool>(type: "INTEGER", nullable: false),
                    max_file_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    custom_fields = table.Column<string>(type: "TEXT", nullable: false),
                    promised_response_hours = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_web_forms", x => x.id);
                    table.ForeignKey(
                        name: "fk_web_forms_inboxes_inbox_id",
                        column: x => x.inbox_id,
                        principalTable: "inboxes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_callback_requests_last_outcome_window_end",
                table: "callback_requests",
                columns: new[] { "last_outcome", "window_end" });

            migrationBuilder.CreateIndex(
                name: "ix_callback_requests_ticket_id",
                table: "callback_requests",
                column: "ticket_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_web_forms_inbox_id",
                table: "web_forms",
                column: "inbox_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_web_forms_key",
                table: "web_forms",
                column: "key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "callback_requests");

            migrationBuilder.DropTable(
                name: "web_forms");
        }
    }
}
