namespace Weft.ControlPlane.Store;

/// <summary>The store's file cannot be used; the message says which file and why.</summary>
public sealed class StoreOpenException : Exception
{
    public StoreOpenException(string path, string reason, Exception? inner = null)
        : base($"cannot open the store {path}: {reason}", inner)
    {
        StorePath = path;
    }

    public StoreOpenException()
    {
    }

    public StoreOpenException(string message) : base(message)
    {
    }

    public StoreOpenException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public string? StorePath { get; }
}
