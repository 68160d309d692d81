import { Injectable } from '@nestjs/common';
import { todayIso } from './dates';

/** The one place that reads the wall clock, so tests can pin "today". */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }

  today(): string {
    return todayIso(this.now());
  }
}
