namespace Weft.Cli.Demo;

/// <summary>One append-only log file per program of the demo (weftd, each app, each sidecar), so the terminal shows only what the demo does.</summary>
public sealed class LogFiles(string directory) : IDisposable
{
    private readonly Dictionary<string, StreamWriter> _files = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string Directory => directory;

    /// <summary>A line sink writing to DIRECTORY/NAME.log.</summary>
    public Action<string> For(string name)
    {
        StreamWriter writer;
        lock (_gate)
        {
            if (!_files.TryGetValue(name, out writer!))
            {
                System.IO.Directory.CreateDirectory(directory);
                writer = new StreamWriter(new FileStream(Path.Combine(directory, name + ".log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
                _files[name] = writer;
            }
        }
        return line =>
        {
            lock (writer)
            {
                try
                {
                    writer.WriteLine(line);
                }
                catch (ObjectDisposedException)
                {
                    // A program still writing while the demo closes its logs.
                }
            }
        };
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var w in _files.Values)
            {
                lock (w)
                    w.Dispose();
            }
            _files.Clear();
        }
    }
}
