package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

func TestScratchLiveRace(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 170*time.Second)
	defer cancel()
	src := copyExampleSite(t)
	file := filepath.Join(src, "content", "promises", "tidy-install.md")
	orig, _ := os.ReadFile(file)
	srv := startServe(t, ctx, src)
	b := startChromium(t, ctx)
	b.do("probe", chromedp.Func(func(ctx context.Context, tgt *chromedp.Target) error {
		_, err := cdp.Call(ctx, tgt, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: liveProbeJS})
		return err
	}))
	b.open("p", srv.url+livePromise+"/")
	for i := 0; i < 40; i++ { d := 40 + (i%20)*4
		liveListening(b, "x")
		a := fmt.Sprintf("AAA%d", d)
		bb := fmt.Sprintf("BBB%d", d)
		base := strings.TrimRight(string(orig), "\n")
		writeSource(t, file, base+"\n\n"+a+"\n")
		time.Sleep(time.Duration(d) * time.Millisecond)
		writeSource(t, file, base+"\n\n"+bb+"\n")
		ok := false
		for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			c, cc := context.WithTimeout(b.ctx, time.Second)
			v, err := chromedp.Run(c, chromedp.Evaluate[bool](fmt.Sprintf(`document.readyState==="complete" && document.body.innerText.includes(%q)`, bb)))
			cc()
			if err == nil && v {
				ok = true
				break
			}
		}
		shown := tabValue(b, "x", chromedp.Evaluate[string](`document.body.innerText.includes("AAA") ? "A" : document.body.innerText.includes("BBB") ? "B" : "?"`))
		t.Logf("delay %3dms: second save shown=%v (page shows %s)", d, ok, shown)
		if !ok {
			// recover: save again
			writeSource(t, file, base+"\n\nrecover"+bb+"\n")
			time.Sleep(time.Second)
		}
	}
	srv.stop(t)
}
