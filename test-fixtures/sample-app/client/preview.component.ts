// An Angular preview widget that trusts a query parameter.
import { Component } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';

@Component({ selector: 'app-preview', template: '<div [innerHTML]="html"></div>' })
export class PreviewComponent {
  html: SafeHtml = '';
  constructor(private route: ActivatedRoute, private sanitizer: DomSanitizer) {}
  ngOnInit() {
    const message = this.route.snapshot.queryParamMap.get('message') ?? '';
    this.html = this.sanitizer.bypassSecurityTrustHtml(message);
  }
}
