using System.Globalization;

namespace Weft.Cli.Workloads;

/// <summary>One allocated address: the workload (NS/NAME) it belongs to and the pid of the weft that owns it.</summary>
internal sealed record AddressRecord(string Address, string Id, int Pid)
{
    public static AddressRecord? Parse(string line)
    {
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return f.Length == 3 && int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? new AddressRecord(f[0], f[1], pid) : null;
    }

    public override string ToString() => $"{Address} {Id} {Pid.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// A file of <see cref="AddressRecord"/>s, one a line, that every weft on this machine reads and
/// rewrites whole under an exclusive lock file, so two processes allocating at once never lose
/// each other's records. The loopback allocator and the network-namespace addresses each keep one.
/// </summary>
internal sealed class AddressRecords(string directory, string fileName, TimeSpan lockWait)
{
    public string FilePath => Path.Combine(directory, fileName);

    /// <summary>The records as they are now, without taking the lock.</summary>
    public IReadOnlyList<AddressRecord> Read() =>
        File.Exists(FilePath) ? [.. File.ReadAllLines(FilePath).Select(AddressRecord.Parse).OfType<AddressRecord>()] : [];

    /// <summary>Runs <paramref name="action"/> on the records under the lock and writes back what it left (atomically, by rename).</summary>
    public T Update<T>(Func<List<AddressRecord>, T> action)
    {
        Directory.CreateDirectory(directory);
        var deadline = DateTime.UtcNow + lockWait;
        while (true)
        {
            try
            {
                using var lockFile = new FileStream(FilePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                var records = Read().ToList();
                var result = action(records);
                var tmp = FilePath + ".tmp";
                File.WriteAllLines(tmp, records.Select(r => r.ToString()));
                File.Move(tmp, FilePath, overwrite: true);
                return result;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another weft holds the lock for a moment.
                Thread.Sleep(20);
            }
        }
    }
}
