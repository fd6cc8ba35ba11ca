using Weft.Api.Binding;

namespace Weft.Api.Model.GatewayApi;

/// <summary>An HTTP method, upper case on the wire.</summary>
public enum HTTPMethod
{
    [Wire("GET")] Get,
    [Wire("HEAD")] Head,
    [Wire("POST")] Post,
    [Wire("PUT")] Put,
    [Wire("DELETE")] Delete,
    [Wire("CONNECT")] Connect,
    [Wire("OPTIONS")] Options,
    [Wire("TRACE")] Trace,
    [Wire("PATCH")] Patch,
}

/// <summary>An HTTP method or <c>*</c> (every method), as CORS allowMethods take them.</summary>
public enum HTTPMethodWithWildcard
{
    [Wire("GET")] Get,
    [Wire("HEAD")] Head,
    [Wire("POST")] Post,
    [Wire("PUT")] Put,
    [Wire("DELETE")] Delete,
    [Wire("CONNECT")] Connect,
    [Wire("OPTIONS")] Options,
    [Wire("TRACE")] Trace,
    [Wire("PATCH")] Patch,
    [Wire("*")] Any,
}
