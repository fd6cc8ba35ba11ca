namespace Weft.Identity.Keys;

/// <summary>
/// Files that hold keys or tokens: created 0600 from the first byte (never briefly readable by
/// others), written whole to a temporary file, flushed to disk and renamed over the old one, so a
/// crash leaves either the old content or the new, never half of either.
/// </summary>
public static class SecretFile
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Replaces the file atomically with <paramref name="content"/>, mode 0600.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temp = $"{path}.tmp-{Guid.NewGuid():N}";
        try
        {
            using (var f = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = Mode,
            }))
            {
                f.Write(content);
                f.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public static void Write(string path, string content) => Write(path, System.Text.Encoding.UTF8.GetBytes(content));

    /// <summary>Whether users other than the owner can read or write the file (or directory).</summary>
    public static bool IsOpenToOthers(string path) => (File.GetUnixFileMode(path) & GroupOrOther) != 0;

    /// <summary>The mode as octal text (<c>644</c>), for messages.</summary>
    public static string ModeText(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
