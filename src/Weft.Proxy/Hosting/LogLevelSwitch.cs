
namespace Weft.Proxy.Hosting;

/// <summary>The proxy's minimum log level, changed at run time through the admin /logging endpoint.</summary>
public sealed class LogLevelSwitch(LogLevel level)
{
    private int _level = (int)level;

    public LogLevel Level
    {
        get => (LogLevel)Volatile.Read(ref _level);
        set => Volatile.Write(ref _level, (int)value);
    }
}
