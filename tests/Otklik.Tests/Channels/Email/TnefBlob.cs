using System.Text;

namespace Otklik.Tests.Channels.Email;

/// <summary>
/// Writes a minimal winmail.dat (MS-OXTNEF): a message with a body and file attachments.
/// MimeKit has no TNEF writer, and real winmail.dat files come from real people's mail.
/// </summary>
internal static class TnefBlob
{
    private const uint Signature = 0x223E9F78;

    public static byte[] Create(string body, params (string Name, byte[] Content)[] files)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(Signature);
        writer.Write((ushort)0x0001);
        Attribute(writer, 1, 0x00089006, BitConverter.GetBytes(0x00010000u));          // TnefVersion
        Attribute(writer, 1, 0x00069007, [0xE4, 0x04, 0, 0, 0, 0, 0, 0]);               // OemCodepage 1252
        Attribute(writer, 1, 0x00078008, Encoding.ASCII.GetBytes("IPM.Microsoft Mail.Note\0"));
        Attribute(writer, 1, 0x0002800C, Encoding.ASCII.GetBytes(body + "\0"));          // Body
        foreach (var (name, content) in files)
        {
            var render = new byte[14];
            BitConverter.GetBytes((ushort)1).CopyTo(render, 0);                           // a file
            BitConverter.GetBytes(0xFFFFFFFFu).CopyTo(render, 2);
            Attribute(writer, 2, 0x00069002, render);                                      // AttachRenderData starts an attachment
            Attribute(writer, 2, 0x00018010, Encoding.ASCII.GetBytes(name + "\0"));        // AttachTitle
            Attribute(writer, 2, 0x0006800F, content);                                     // AttachData
        }
        writer.Flush();
        return stream.ToArray();
    }

    private static void Attribute(BinaryWriter writer, byte level, uint tag, byte[] data)
    {
        writer.Write(level);
        writer.Write(tag);
        writer.Write((uint)data.Length);
        writer.Write(data);
        ushort checksum = 0;
        foreach (var b in data) checksum += b;
        writer.Write(checksum);
    }
}
