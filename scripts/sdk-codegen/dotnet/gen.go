package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"net/http"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The C# generator left pulumi/pkg for pulumi-dotnet (whose module the proxy does not serve);
// v3.206.0 still has it and is the pkg the YAML host's build already fetched.
var generators = map[string]generator{
	"dotnet": func(pkg *schema.Package, req *pulumirpc.GeneratePackageRequest,
		_ schema.ReferenceLoader,
	) (map[string][]byte, error) {
		return dotnet.GeneratePackage("pulumi-language-dotnet", pkg, req.ExtraFiles, req.LocalDependencies)
	},
}

// With no logoUrl in the schema the generator downloads Pulumi's logo from GitHub for the NuGet
// icon; this machine has no such network, so that one request gets a 64x64 Twilio-red square.
type offlineLogo struct{}

func (offlineLogo) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != "raw.githubusercontent.com" || !strings.HasSuffix(req.URL.Path, "/pulumi_logo_64x64.png") {
		return nil, fmt.Errorf("the codegen host makes no network calls (asked for %s)", req.URL)
	}
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.RGBA{0xF2, 0x2F, 0x46, 0xFF}}, image.Point{}, draw.Src)
	var body bytes.Buffer
	if err := png.Encode(&body, img); err != nil {
		return nil, err
	}
	return &http.Response{
		StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"image/png"}},
		Body: io.NopCloser(&body), ContentLength: int64(body.Len()), Request: req,
	}, nil
}

func init() { http.DefaultTransport = offlineLogo{} }
