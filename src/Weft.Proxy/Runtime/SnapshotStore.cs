using Weft.Discovery.Codec;
using Weft.Discovery.Snapshot;

namespace Weft.Proxy.Runtime;

/// <summary>
/// The last good snapshot on disk, so the proxy can start and serve while the control plane is
/// down. Written atomically (temp file, fsync, rename): a crash leaves the old file or the new one.
/// </summary>
public sealed partial class SnapshotStore(string dataDir, ILogger<SnapshotStore> log)
{
    public const string FileName = "last-good-snapshot.json";

    public string PathName => Path.Combine(dataDir, FileName);

    public void Save(ProxySnapshot snapshot)
    {
        Directory.CreateDirectory(dataDir);
        var temp = PathName + ".tmp";
        using (var f = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            f.Write(SnapshotCodec.Encode(snapshot));
            f.Flush(flushToDisk: true);
        }
        File.Move(temp, PathName, overwrite: true);
    }

    /// <summary>The saved snapshot, or null when there is none or it no longer validates (logged).</summary>
    public ProxySnapshot? Load()
    {
        if (!File.Exists(PathName))
            return null;
        var decoded = SnapshotCodec.Decode(File.ReadAllBytes(PathName));
        if (decoded.Snapshot is null)
        {
            LogUnusable(log, PathName, decoded.ErrorText);
            return null;
        }
        return decoded.Snapshot;
    }

    [LoggerMessage(5001, LogLevel.Warning, "Ignored the saved snapshot {Path}: {Errors}")]
    private static partial void LogUnusable(ILogger log, string path, string errors);
}
