{{/*
The script the 404 page runs first, inside its <script> (see base.html).
A static host shows 404.html at whatever path was asked for, where its
relative links no longer reach the site. The script guesses the site's
root from the path and makes it the page's base at once; then it checks
the guess by asking for the stylesheet there, and if that fails tries each
folder above in turn. It is told the site's top-level folders, its
versions and its own version by .NotFound.

The candidates for the root are, best first: the folder of a version named
in the path; the folder above a top-level folder named in the path; every
folder of the path, deepest first. In a versioned site the root of a
version's pages is its folder, and latest/ where the path names none. The
page opened where it lies (from disk, say) needs nothing, but for the copy
of the latest version's at the root of a versioned site, which needs
latest/. In a versioned site, a path under another version shows that
version's own 404 page, and a path under no version (a bookmark from before
the site had versions) goes to the latest version's page where there is one.
A host may answer a missing file with this page and status 200 (a CDN's
error page, a fallback rule): the stylesheet is taken as found only if it
is not HTML, and a page only if it is not this one (its meta playbook-404).
*/ -}}
(function(){var sections={{.NotFound.Sections}},versions={{.NotFound.Versions}},css={{.Asset "assets/playbook.css"}},self={{.NotFound.Self}};
if(document.querySelector("base"))return;
var latest=versions.length?"latest/":"",dirs=location.pathname.split("/").slice(1,-1).filter(Boolean),c=[],i;
function at(n){return "/"+dirs.slice(0,n).map(function(x){return x+"/"}).join("")}
function name(x){try{return decodeURIComponent(x)}catch(e){return ""}}
function isCSS(r){return r.ok&&!/html/i.test(r.headers.get("content-type")||"")}
function set(u){var b=document.createElement("base");b.href=u;document.head.appendChild(b);return b}
if(/\/404\.html$/.test(location.pathname)){
if(latest&&versions.indexOf(name(dirs[dirs.length-1]))<0)set(latest);
return}
for(i=dirs.length-1;i>=0;i--)if(versions.indexOf(name(dirs[i]))>=0)c.push(at(i+1));
for(i=dirs.length-1;i>=0;i--)if(sections.indexOf(name(dirs[i]))>=0)c.push(at(i)+latest);
for(i=dirs.length;i>=0;i--)c.push(at(i)+latest);
var base=set(c[0]);
if(!window.fetch)return;
if(latest){
var v=-1,j=-1;
for(i=dirs.length-1;i>=0&&v<0;i--)if(versions.indexOf(name(dirs[i]))>=0)v=i;
for(i=dirs.length-1;i>=0&&j<0;i--)if(sections.indexOf(name(dirs[i]))>=0)j=i;
if(v>=0&&name(dirs[v])!==self&&name(dirs[v])!=="latest"){
fetch(at(v+1)+"404.html").then(function(r){if(!r.ok)throw r;return r.text()}).then(function(h){document.open();document.write(h);document.close()}).catch(function(){});
return}
if(v<0&&j>=0){
var segs=location.pathname.split("/").slice(1).filter(Boolean),t=at(j)+"latest/"+segs.slice(j).join("/")+(/\/$/.test(location.pathname)?"/":"");
fetch(t).then(function(r){if(!r.ok)throw r;return r.text()}).then(function(h){if(h.indexOf('<meta name="playbook-404"')<0)location.replace(t+location.search+location.hash)}).catch(function(){})}
}
(function check(k){
if(k>=c.length)return;
fetch(c[k]+css,{method:"HEAD"}).then(function(r){
if(!isCSS(r))throw r;
if(k===0)return;
base.href=c[k];
document.querySelectorAll("link[href]").forEach(function(l){l.replaceWith(l.cloneNode())});
document.querySelectorAll("script[src]").forEach(function(s){var n=document.createElement("script");n.src=s.getAttribute("src");s.replaceWith(n)});
}).catch(function(){check(k+1)});
})(0);
})();{{/* no newline before </script> */ -}}
