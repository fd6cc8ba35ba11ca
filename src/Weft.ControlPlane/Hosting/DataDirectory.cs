
namespace Weft.ControlPlane.Hosting;

/// <summary>
/// weftd's data directory: created 0700, locked for the lifetime of one weftd (two control planes
/// on one store would each believe they own the revision counter), holding the API token (0600,
/// generated on first start) and the store. The lock is an advisory lock on DIR/weftd.lock, which
/// the kernel releases when the process dies, so a crashed weftd never blocks the next start.
/// </summary>
public sealed partial class DataDirectory : IDisposable
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode SecretMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly FileStream _lock;

    private DataDirectory(string path, FileStream lockFile, string token)
    {
        Path = path;
        _lock = lockFile;
        Token = token;
    }

    public string Path { get; }

    /// <summary>The API token clients present as <c>Authorization: Bearer TOKEN</c>.</summary>
    public string Token { get; }

    public string TokenPath => TokenFile(Path);

    public string StorePath => System.IO.Path.Combine(Path, "store.db");

    public static string TokenFile(string dataDir) => System.IO.Path.Combine(dataDir, "token");

    /// <exception cref="DataDirectoryException">The directory cannot be used; the message says why.</exception>
    public static DataDirectory Open(string path, ILogger log)
    {
        try
        {
            if (!Directory.Exists(path))
            {
                Directory.CreateDirectory(path, DirectoryMode);
                LogCreated(log, path);
            }
            else if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
            {
                LogTooOpen(log, path, Convert.ToString((int)File.GetUnixFileMode(path), 8));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryException($"cannot create the data directory {path}: {ex.Message}", ex);
        }

        var lockPath = System.IO.Path.Combine(path, "weftd.lock");
        FileStream lockFile;
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix.
            lockFile = new FileStream(lockPath, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                UnixCreateMode = SecretMode,
            });
        }
        catch (IOException ex)
        {
            throw new DataDirectoryException($"another weftd is already using the data directory {path} (it holds {lockPath}); stop it or pass another --data-dir", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DataDirectoryException($"cannot lock the data directory {path}: {ex.Message}", ex);
        }

        try
        {
            return new DataDirectory(path, lockFile, ReadOrCreateToken(TokenFile(path), log));
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    private static string ReadOrCreateToken(string tokenPath, ILogger log)
    {
        try
        {
            if (File.Exists(tokenPath))
            {
                var token = File.ReadAllText(tokenPath).Trim();
                if (token.Length == 0)
                    throw new DataDirectoryException($"the API token file {tokenPath} is empty; delete it and weftd generates a new token");
                if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(tokenPath) & GroupOrOther) != 0)
                    LogTooOpen(log, tokenPath, Convert.ToString((int)File.GetUnixFileMode(tokenPath), 8));
                return token;
            }
            var fresh = ApiToken.Generate();
            // Created 0600 from the start (never briefly readable by others), and on disk before it is used.
            using (var f = new FileStream(tokenPath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = SecretMode,
            }))
            {
                f.Write(System.Text.Encoding.ASCII.GetBytes(fresh + "\n"));
                f.Flush(flushToDisk: true);
            }
            LogTokenCreated(log, tokenPath);
            return fresh;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryException($"cannot read or create the API token {tokenPath}: {ex.Message}", ex);
        }
    }

    public void Dispose() => _lock.Dispose();

    [LoggerMessage(1001, LogLevel.Information, "Created the data directory {Path}")]
    private static partial void LogCreated(ILogger log, string path);

    [LoggerMessage(1002, LogLevel.Information, "Generated a new API token in {Path}")]
    private static partial void LogTokenCreated(ILogger log, string path);

    [LoggerMessage(1003, LogLevel.Warning, "{Path} has mode {Mode}: other users can read it; chmod it to 0700 (directory) or 0600 (token)")]
    private static partial void LogTooOpen(ILogger log, string path, string mode);
}
