using System.Net;
using System.Net.Sockets;

namespace Weft.Testing;

/// <summary>Loopback ports and addresses for tests that run real servers.</summary>
public static class Net
{
    /// <summary>A TCP port free right now on the address (the OS picks it).</summary>
    public static int FreePort(string address = "127.0.0.1")
    {
        using var l = new TcpListener(IPAddress.Parse(address), 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>
    /// A loopback address of its own for one test (127.X.Y.Z from the whole 127/8 range), so a
    /// test can bind standard ports without colliding with another test running in parallel.
    /// </summary>
    public static string UniqueLoopback()
    {
        var b = Random.Shared.Next(20, 250);
        var c = Random.Shared.Next(1, 250);
        var d = Random.Shared.Next(2, 250);
        return $"127.{b}.{c}.{d}";
    }

    /// <summary>Waits until something accepts connections on the endpoint.</summary>
    public static async Task WaitForListenerAsync(string host, int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(host, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
