// Test code for xss-angular-bypass-security-trust: Angular components trusting route data.
import { Component, SecurityContext } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { DomSanitizer, type SafeHtml, type SafeResourceUrl } from '@angular/platform-browser';

@Component({ selector: 'app-preview', template: '<div [innerHTML]="html"></div>' })
export class PreviewComponent {
  html: SafeHtml = '';
  video: SafeResourceUrl = '';
  constructor(private route: ActivatedRoute, private sanitizer: DomSanitizer) {}

  // "Show the formatted message from the query string"
  ngOnInit() {
    const message = this.route.snapshot.queryParamMap.get('message') ?? '';
    // ruleid: xss-angular-bypass-security-trust
    this.html = this.sanitizer.bypassSecurityTrustHtml(message);
    this.route.queryParams.subscribe((params) => {
      // ruleid: xss-angular-bypass-security-trust
      this.video = this.sanitizer.bypassSecurityTrustResourceUrl(params['video']);
    });
  }

  trust(value: string) {
    // ruleid: xss-angular-bypass-security-trust
    return this.sanitizer.bypassSecurityTrustHtml(value);
  }
  fromHash() {
    return this.trust(decodeURIComponent(location.hash.slice(1)));
  }

  // The fixed forms and look-alikes.
  safe() {
    const message = this.route.snapshot.queryParamMap.get('message') ?? '';
    // ok: xss-angular-bypass-security-trust
    this.html = this.sanitizer.bypassSecurityTrustHtml(this.sanitizer.sanitize(SecurityContext.HTML, message) ?? '');
    // ok: xss-angular-bypass-security-trust
    this.html = this.sanitizer.bypassSecurityTrustHtml('<b>Welcome</b>');
    let embed = this.route.snapshot.params['id'];
    embed = 'https://www.youtube.com/embed/intro';
    // ok: xss-angular-bypass-security-trust
    this.video = this.sanitizer.bypassSecurityTrustResourceUrl(embed);
    const page = Number(this.route.snapshot.params['page']);
    // ok: xss-angular-bypass-security-trust
    this.html = this.sanitizer.bypassSecurityTrustHtml('<i>' + page + '</i>');
  }
}
