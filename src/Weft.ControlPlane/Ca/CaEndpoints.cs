using System.Security.Cryptography.X509Certificates;
using Weft.ControlPlane.Http;
using Weft.ControlPlane.Resources;
using Weft.Identity.Ca;
using Weft.Identity.Protocol;

namespace Weft.ControlPlane.Ca;

/// <summary>
/// The certificate endpoint (<see cref="CaProtocol"/>), mapped on whichever TLS listener serves
/// it: today the CA's own (<see cref="CaHost"/>), later the discovery listener on 15012, which
/// only has to call <see cref="Map"/> and ask for client certificates the same way.
/// <list type="bullet">
/// <item><c>POST /weft.ca.v1/certificates</c> with <c>Authorization: Bootstrap TOKEN</c>: the first certificate of the token's identity; the token is spent.</item>
/// <item>The same without the header, over mutual TLS: a renewal for the identity of the client certificate.</item>
/// </list>
/// </summary>
public static class CaEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, CaService ca)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(CaProtocol.Path, (RequestDelegate)(ctx => HandleAsync(ctx, ca)));
        endpoints.MapMethods(CaProtocol.Path, ["GET", "PUT", "DELETE", "PATCH"], (RequestDelegate)(ctx =>
        {
            ctx.Response.Headers.Allow = "POST";
            return HttpJson.WriteStatusAsync(ctx, ApiStatus.MethodNotAllowed($"{ctx.Request.Method} is not allowed on {CaProtocol.Path}; POST a CSR to it"));
        }));
    }

    private static async Task HandleAsync(HttpContext ctx, CaService ca)
    {
        var peer = $"{ctx.Connection.RemoteIpAddress}:{ctx.Connection.RemotePort}";
        CertificateSigningMessage request;
        try
        {
            request = CertificateSigningMessage.Parse(await ReadBodyAsync(ctx));
        }
        catch (FormatException e)
        {
            await HttpJson.WriteStatusAsync(ctx, ApiStatus.BadRequest(e.Message));
            return;
        }
        catch (InvalidDataException e)
        {
            await HttpJson.WriteStatusAsync(ctx, new ApiStatus(413, "RequestEntityTooLarge", e.Message));
            return;
        }

        try
        {
            IssuedCertificate issued;
            var authorization = ctx.Request.Headers.Authorization.ToString();
            if (authorization.Length > 0)
            {
                if (!authorization.StartsWith(CaProtocol.BootstrapScheme + " ", StringComparison.OrdinalIgnoreCase))
                    throw new CaAuthenticationException($"the Authorization header must be \"{CaProtocol.BootstrapScheme} TOKEN\" (a token from 'weft workload token create'); to renew, send no header and present the current certificate");
                var token = authorization[(CaProtocol.BootstrapScheme.Length + 1)..].Trim();
                issued = await ca.ExchangeTokenAsync(token, request.Csr, request.Ttl, peer, ctx.RequestAborted);
            }
            else
            {
                X509Certificate2? client = await ctx.Connection.GetClientCertificateAsync(ctx.RequestAborted);
                issued = ca.Renew(client, request.Csr, request.Ttl, peer);
            }
            var answer = new CertificateMessage(issued.Identity!.ToString(), issued.ChainPem, issued.TrustBundle.ToPem(), issued.NotAfter);
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = HttpJson.ContentType;
            await ctx.Response.WriteAsync(answer.ToJson(), ctx.RequestAborted);
        }
        catch (CaAuthenticationException e)
        {
            await HttpJson.WriteStatusAsync(ctx, ApiStatus.Unauthorized(e.Message));
        }
        catch (CsrRefusedException e)
        {
            await HttpJson.WriteStatusAsync(ctx, new ApiStatus(403, "Forbidden", e.Message));
        }
    }

    /// <exception cref="InvalidDataException">The body is larger than a CSR can be.</exception>
    private static async Task<byte[]> ReadBodyAsync(HttpContext ctx)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted)) > 0)
        {
            if (buffer.Length + n > CaProtocol.MaxRequestBytes)
                throw new InvalidDataException($"the request is larger than {CaProtocol.MaxRequestBytes} bytes; a CSR is a few hundred");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }
}
