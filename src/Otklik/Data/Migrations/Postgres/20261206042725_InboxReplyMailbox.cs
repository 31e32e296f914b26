using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Otklik.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InboxReplyMailbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "reply_inbox_id",
                table: "inboxes",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_inboxes_reply_inbox_id",
                table: "inboxes",
                column: "reply_inbox_id");

            migrationBuilder.AddForeignKey(
                name: "fk_inboxes_inboxes_reply_inbox_id",
                table: "inboxes",
                column: "reply_inbox_id",
                principalTable: "inboxes",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_inboxes_inboxes_reply_inbox_id",
                table: "inboxes");

            migrationBuilder.DropIndex(
                name: "ix_inboxes_reply_inbox_id",
                table: "inboxes");

            migrationBuilder.DropColumn(
                name: "reply_inbox_id",
                table: "inboxes");
        }
    }
}
