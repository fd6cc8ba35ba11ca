namespace Weft.ControlPlane.Hosting;

/// <summary>The data directory cannot be used; the message names it and says why.</summary>
public sealed class DataDirectoryException : Exception
{
    public DataDirectoryException()
    {
    }

    public DataDirectoryException(string message) : base(message)
    {
    }

    public DataDirectoryException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
