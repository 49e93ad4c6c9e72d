import { render } from 'preact';
import { App } from './app';
import { startPolling } from './lib/refresh';
import './styles.css';

render(<App />, document.getElementById('app')!);
startPolling();
