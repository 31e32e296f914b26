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
            migrationBuilder.DropColumn(
                name: "inbound_email_id",
                table: "message_emails");

            migrationBuilder.CreateIndex(
                name: "ix_inbound_emails_message_id",
                table: "inbound_emails",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ix_inbound_emails_ticket_id",
                table: "inbound_emails",
                column: "ticket_id");

            migrationBuilder.AddForeignKey(
                name: "fk_inbound_emails_messages_message_id",
                table: "inbound_emails",
                column: "message_id",
                principalTable: "messages",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "fk_inbound_emails_tickets_ticket_id",
                table: "inbound_emails",
                column: "ticket_id",
                principalTable: "tickets",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_inbound_emails_messages_message_id",
                table: "inbound_emails");

            migrationBuilder.DropForeignKey(
                name: "fk_inbound_emails_tickets_ticket_id",
                table: "inbound_emails");

            migrationBuilder.DropIndex(
                name: "ix_inbound_emails_message_id",
                table: "inbound_emails");

            migrationBuilder.DropIndex(
                name: "ix_inbound_emails_ticket_id",
                table: "inbound_emails");

            migrationBuilder.AddColumn<long>(
                name: "inbound_email_id",
                table: "message_emails",
                type: "INTEGER",
                nullable: true);
        }
    }
}
